// @ts-check
const WEIGHTS = [3, 2, 7, 6, 5, 4, 3, 2];

/** The MOD11 check digit of eight digits, or null when there is none (remainder 1 gives 10: no valid number). */
function checkDigit(eightDigits) {
  const sum = [...eightDigits].reduce((total, digit, i) => total + Number(digit) * WEIGHTS[i], 0);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  return check === 10 ? null : check;
}

/** True for a nine-digit organisation number with the right check digit. */
function isValidOrgno(orgno) {
  return /^\d{9}$/.test(orgno) && checkDigit(orgno.slice(0, 8)) === Number(orgno[8]);
}

/**
 * A valid organisation number not in the demo data: 9 followed by seven digits of the clock, and the check digit.
 * Different from one run (and one call) to the next, so a repeated test does not collide with its own earlier run.
 */
let last = 0;
function freshOrgno() {
  let base = Math.max(Date.now() % 10_000_000, last + 1) % 10_000_000;
  for (;;) {
    const eight = '9' + String(base).padStart(7, '0');
    const check = checkDigit(eight);
    if (check !== null) {
      last = base;
      return eight + check;
    }
    base = (base + 1) % 10_000_000;
  }
}

module.exports = { checkDigit, isValidOrgno, freshOrgno };
