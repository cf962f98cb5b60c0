/** Outcome of submitting the emulator's card form, following Stripe's test cards. */
export type CardOutcome =
  | { kind: "invalid"; field: "card_number" | "expiry" | "cvc"; message: string }
  | { kind: "declined"; code: "card_declined" | "insufficient_funds" | "expired_card"; message: string }
  | { kind: "approved" };

const DECLINES: Record<string, { code: "card_declined" | "insufficient_funds" | "expired_card"; message: string }> = {
  "4000000000000002": { code: "card_declined", message: "Your card was declined." },
  "4000000000009995": { code: "insufficient_funds", message: "Your card has insufficient funds." },
  "4000000000000069": { code: "expired_card", message: "Your card has expired." },
};

/** Luhn checksum, as card networks (and Stripe's form) use. */
function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * Check a card like Stripe's test mode: malformed numbers, a failed Luhn check, a past expiry or a bad CVC
 * are refused on the page; the decline test cards decline; any other valid number is approved.
 */
export function checkCard(number: string, expiry: string, cvc: string, now: Date): CardOutcome {
  const digits = number.replace(/[\s-]/g, "");
  if (!/^\d{12,19}$/.test(digits)) {
    return { kind: "invalid", field: "card_number", message: "Your card number is incomplete." };
  }
  if (!luhn(digits)) return { kind: "invalid", field: "card_number", message: "Your card number is invalid." };
  const match = /^\s*(\d{1,2})\s*\/\s*(\d{2}|\d{4})\s*$/.exec(expiry);
  const month = Number(match?.[1]);
  if (!match || month < 1 || month > 12) {
    return { kind: "invalid", field: "expiry", message: "Your card's expiration date is incomplete (use MM/YY)." };
  }
  const year = match[2]?.length === 2 ? 2000 + Number(match[2]) : Number(match[2]);
  // A card is valid through the last day of its expiry month.
  if (Date.UTC(year, month, 1) <= now.getTime()) {
    return { kind: "invalid", field: "expiry", message: "Your card's expiration year is in the past." };
  }
  if (!/^\d{3,4}$/.test(cvc.trim())) {
    return { kind: "invalid", field: "cvc", message: "Your card's security code is incomplete." };
  }
  const decline = DECLINES[digits];
  return decline ? { kind: "declined", ...decline } : { kind: "approved" };
}
