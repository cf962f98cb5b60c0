// Its own module, so the entry that re-exports it does not carry the wallet routes' typings.

/** The adjustment reasons Credyt documents (emulator choice: only these are accepted). */
export const ADJUSTMENT_REASONS = ["external_topup", "external_refund", "gift"] as const;
