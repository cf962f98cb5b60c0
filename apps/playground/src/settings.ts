/** Below this many dollars the balance is flagged "Low balance". */
export const LOW_BALANCE_USD = 5;
