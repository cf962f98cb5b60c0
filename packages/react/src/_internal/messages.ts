import { type CredytUsageMessages, usageDe, usageEs, usageFr, usageJa } from "./usage-messages";

/** A locale's strings with its usage strings; pure, so an unused locale is dropped from bundles. */
function withUsage(usage: CredytUsageMessages, base: Omit<CredytMessages, keyof CredytUsageMessages>): CredytMessages {
  return { ...base, ...usage };
}

// The usage strings are optional here so the English ones ship only with the usage components
// (`en` holds none of them; each usage component falls back to `usageEn`).
/**
 * Every visible string of the components, in English by default. Override any of them with the
 * provider's `labels` prop, or pass one of the bundled sets (`de`, `fr`, `es`, `ja`).
 * Placeholders in braces (`{amount}`) are filled in by the components.
 */
export interface CredytMessages extends Partial<CredytUsageMessages> {
  /** Accessible name of a balance. */
  balance: string;
  /** Text of the loading skeleton (read by screen readers). */
  loading: string;
  /** No account to show. */
  empty: string;
  /** The balance could not be loaded. */
  loadError: string;
  /** The balance could not be loaded because no customer is signed in (`unauthorized`). */
  signedOut: string;
  /** Shown next to a last good value after a failed refresh. */
  stale: string;
  /** Button that retries a failed load. */
  retry: string;
  /** Badge of a balance below the low-balance level. */
  lowBalance: string;
  /** Badge of a negative balance. */
  overdraft: string;
  /** `{amount}`: incoming funds not yet settled. */
  pendingIn: string;
  /** Back from checkout, waiting for the credit. */
  returnPending: string;
  /** Back from checkout, the credit has not landed after the timeout. */
  returnProcessing: string;
  /** Back from a failed payment. */
  returnFailed: string;
  /** `{amount}`: the confirmation after a paid checkout. */
  added: string;
  /** Label of the button that dismisses the confirmation. */
  dismiss: string;
  /** Label of a top-up button without a fixed amount. */
  topUp: string;
  /** `{amount}`: a fixed top-up amount. */
  topUpAmount: string;
  /** While the checkout session is created. */
  redirecting: string;
  /** Title of the top-up dialog. */
  dialogTitle: string;
  /** Description of the top-up dialog. */
  dialogDescription: string;
  /** Accessible name of the preset amounts. */
  presets: string;
  /** Label of the amount field. */
  customAmount: string;
  /** Button that goes to checkout. */
  submit: string;
  /** Button that closes the dialog. */
  cancel: string;
  /** The amount field is empty. */
  amountRequired: string;
  /** `{min}` */
  amountMin: string;
  /** `{max}` */
  amountMax: string;
  /** `{decimals}` */
  amountDecimals: string;
  /** Default label of `<BillingPortalLink>`. */
  billingPortal: string;
  /** `network_error`: the server could not be reached. */
  errorNetwork: string;
  /** `rate_limited` without a `Retry-After`. */
  errorRateLimited: string;
  /** `{seconds}`: `rate_limited` with a `Retry-After`. */
  errorRateLimitedRetry: string;
  /** `unauthorized`: nobody is signed in. */
  errorUnauthorized: string;
  /** `forbidden` (the proxy's origin check): a configuration problem of the site, not the customer's session. */
  errorForbidden: string;
  /** `timeout`: the server did not answer in time. */
  errorTimeout: string;
  /** `invalid_request` the form cannot place on a field. */
  errorInvalid: string;
  /** A checkout or portal address refused by the redirect policy. */
  errorRedirect: string;
  /** Any other failure. */
  errorGeneric: string;
}

const FORBIDDEN =
  "This site cannot reach billing right now because of a configuration problem on its side. Please try again later.";

/** The English strings `<WalletBalance>` shows first: its defaults, so a page with balances only ships no other text. */
export const balanceEn = {
  balance: "Balance",
  loading: "Loading balance…",
  empty: "No balance yet",
  loadError: "Could not load your balance.",
  signedOut: "Sign in to see your balance.",
  stale: "Not up to date",
  retry: "Retry",
  lowBalance: "Low balance",
  overdraft: "Overdrawn",
  pendingIn: "{amount} pending",
  errorForbidden: FORBIDDEN,
} satisfies Partial<CredytMessages>;

/**
 * `<WalletBalance>`'s English strings for a customer back from checkout (the notices and "Added $20.00"): they
 * load with the component's on-demand chunk (wallet-balance-extras.tsx), when a checkout return is under way.
 */
export const returnEn = {
  returnPending: "Payment received, updating…",
  returnProcessing: "Payment received. Your balance will update shortly.",
  returnFailed: "The payment did not go through. You were not charged.",
  added: "Added {amount}",
  dismiss: "Dismiss",
} satisfies Partial<CredytMessages>;

/** `<TopUpButton>`'s own English strings (the dialog's and the errors' load with their chunks). */
export const topUpEn = {
  topUp: "Top up",
  topUpAmount: "Top up {amount}",
  redirecting: "Redirecting…",
} satisfies Partial<CredytMessages>;

/** `<BillingPortalLink>`'s own English string. */
export const portalEn = { billingPortal: "Manage billing" } satisfies Partial<CredytMessages>;

/** The top-up dialog's English strings: in the dialog's lazy chunk, not on the button's first render. */
export const dialogEn = {
  dialogTitle: "Top up your balance",
  dialogDescription: "Choose an amount. You will pay on a secure checkout page.",
  presets: "Amounts",
  customAmount: "Custom amount",
  submit: "Continue to payment",
  cancel: "Cancel",
  amountRequired: "Enter an amount greater than zero.",
  amountMin: "The minimum is {min}.",
  amountMax: "The maximum is {max}.",
  amountDecimals: "Use at most {decimals} decimal places.",
} satisfies Partial<CredytMessages>;

/**
 * The English error messages of the actions (top-up, portal): a failed action has loaded the checkout chunk,
 * which carries them (error-message.ts); only `errorNetwork`'s text is also in calls.ts, for a chunk that failed.
 */
export const errorEn = {
  errorNetwork: "Could not reach the billing server. Check your connection and try again.",
  errorRateLimited: "Too many attempts. Please wait a moment and try again.",
  errorRateLimitedRetry: "Too many attempts, try again in {seconds} s.",
  errorUnauthorized: "Please sign in again to continue.",
  errorForbidden: FORBIDDEN,
  errorTimeout: "The billing server took too long to answer. Please try again.",
  errorInvalid: "This amount cannot be used. Please check it and try again.",
  errorRedirect: "The payment page address was refused for your safety.",
  errorGeneric: "Something went wrong. Please try again.",
} satisfies Partial<CredytMessages>;

/** English (the default). */
export const en: CredytMessages = /* @__PURE__ */ Object.assign(
  {},
  balanceEn,
  returnEn,
  topUpEn,
  dialogEn,
  portalEn,
  errorEn,
);

/** German. */
export const de: CredytMessages = /* @__PURE__ */ withUsage(usageDe, {
  balance: "Guthaben",
  loading: "Guthaben wird geladen…",
  empty: "Noch kein Guthaben",
  loadError: "Das Guthaben konnte nicht geladen werden.",
  signedOut: "Melden Sie sich an, um Ihr Guthaben zu sehen.",
  stale: "Nicht aktuell",
  retry: "Erneut versuchen",
  lowBalance: "Niedriges Guthaben",
  overdraft: "Überzogen",
  pendingIn: "{amount} ausstehend",
  returnPending: "Zahlung erhalten, wird aktualisiert…",
  returnProcessing: "Zahlung erhalten. Ihr Guthaben wird in Kürze aktualisiert.",
  returnFailed: "Die Zahlung ist fehlgeschlagen. Es wurde nichts abgebucht.",
  added: "{amount} hinzugefügt",
  dismiss: "Schließen",
  topUp: "Aufladen",
  topUpAmount: "{amount} aufladen",
  redirecting: "Weiterleitung…",
  dialogTitle: "Guthaben aufladen",
  dialogDescription: "Wählen Sie einen Betrag. Sie bezahlen auf einer sicheren Zahlungsseite.",
  presets: "Beträge",
  customAmount: "Eigener Betrag",
  submit: "Weiter zur Zahlung",
  cancel: "Abbrechen",
  amountRequired: "Geben Sie einen Betrag größer als null ein.",
  amountMin: "Der Mindestbetrag ist {min}.",
  amountMax: "Der Höchstbetrag ist {max}.",
  amountDecimals: "Höchstens {decimals} Nachkommastellen.",
  billingPortal: "Abrechnung verwalten",
  errorNetwork: "Der Abrechnungsserver ist nicht erreichbar. Prüfen Sie Ihre Verbindung.",
  errorRateLimited: "Zu viele Versuche. Bitte warten Sie einen Moment.",
  errorRateLimitedRetry: "Zu viele Versuche, versuchen Sie es in {seconds} s erneut.",
  errorUnauthorized: "Bitte melden Sie sich erneut an.",
  errorForbidden:
    "Diese Website kann die Abrechnung wegen eines Konfigurationsproblems auf ihrer Seite gerade nicht erreichen. Bitte versuchen Sie es später erneut.",
  errorTimeout: "Der Abrechnungsserver hat zu lange nicht geantwortet. Bitte versuchen Sie es erneut.",
  errorInvalid: "Dieser Betrag ist nicht möglich. Bitte prüfen Sie ihn.",
  errorRedirect: "Die Adresse der Zahlungsseite wurde zu Ihrer Sicherheit abgelehnt.",
  errorGeneric: "Etwas ist schiefgelaufen. Bitte versuchen Sie es erneut.",
});

/** French. */
export const fr: CredytMessages = /* @__PURE__ */ withUsage(usageFr, {
  balance: "Solde",
  loading: "Chargement du solde…",
  empty: "Aucun solde pour le moment",
  loadError: "Impossible de charger votre solde.",
  signedOut: "Connectez-vous pour voir votre solde.",
  stale: "Pas à jour",
  retry: "Réessayer",
  lowBalance: "Solde faible",
  overdraft: "À découvert",
  pendingIn: "{amount} en attente",
  returnPending: "Paiement reçu, mise à jour…",
  returnProcessing: "Paiement reçu. Votre solde sera bientôt mis à jour.",
  returnFailed: "Le paiement a échoué. Vous n’avez pas été débité.",
  added: "{amount} ajoutés",
  dismiss: "Fermer",
  topUp: "Recharger",
  topUpAmount: "Recharger {amount}",
  redirecting: "Redirection…",
  dialogTitle: "Recharger votre solde",
  dialogDescription: "Choisissez un montant. Vous paierez sur une page de paiement sécurisée.",
  presets: "Montants",
  customAmount: "Autre montant",
  submit: "Continuer vers le paiement",
  cancel: "Annuler",
  amountRequired: "Saisissez un montant supérieur à zéro.",
  amountMin: "Le minimum est de {min}.",
  amountMax: "Le maximum est de {max}.",
  amountDecimals: "{decimals} décimales au maximum.",
  billingPortal: "Gérer la facturation",
  errorNetwork: "Impossible de joindre le serveur de facturation. Vérifiez votre connexion.",
  errorRateLimited: "Trop de tentatives. Patientez un instant.",
  errorRateLimitedRetry: "Trop de tentatives, réessayez dans {seconds} s.",
  errorUnauthorized: "Veuillez vous reconnecter.",
  errorForbidden:
    "Ce site ne peut pas joindre la facturation pour le moment, à cause d’un problème de configuration de son côté. Réessayez plus tard.",
  errorTimeout: "Le serveur de facturation a mis trop de temps à répondre. Veuillez réessayer.",
  errorInvalid: "Ce montant n’est pas accepté. Vérifiez-le.",
  errorRedirect: "L’adresse de la page de paiement a été refusée pour votre sécurité.",
  errorGeneric: "Une erreur est survenue. Veuillez réessayer.",
});

/** Spanish. */
export const es: CredytMessages = /* @__PURE__ */ withUsage(usageEs, {
  balance: "Saldo",
  loading: "Cargando saldo…",
  empty: "Todavía no hay saldo",
  loadError: "No se pudo cargar tu saldo.",
  signedOut: "Inicia sesión para ver tu saldo.",
  stale: "No actualizado",
  retry: "Reintentar",
  lowBalance: "Saldo bajo",
  overdraft: "En descubierto",
  pendingIn: "{amount} pendiente",
  returnPending: "Pago recibido, actualizando…",
  returnProcessing: "Pago recibido. Tu saldo se actualizará en breve.",
  returnFailed: "El pago no se completó. No se te ha cobrado.",
  added: "{amount} añadidos",
  dismiss: "Cerrar",
  topUp: "Recargar",
  topUpAmount: "Recargar {amount}",
  redirecting: "Redirigiendo…",
  dialogTitle: "Recarga tu saldo",
  dialogDescription: "Elige un importe. Pagarás en una página de pago segura.",
  presets: "Importes",
  customAmount: "Otro importe",
  submit: "Continuar al pago",
  cancel: "Cancelar",
  amountRequired: "Introduce un importe mayor que cero.",
  amountMin: "El mínimo es {min}.",
  amountMax: "El máximo es {max}.",
  amountDecimals: "Usa como máximo {decimals} decimales.",
  billingPortal: "Gestionar facturación",
  errorNetwork: "No se pudo conectar con el servidor de facturación. Revisa tu conexión.",
  errorRateLimited: "Demasiados intentos. Espera un momento.",
  errorRateLimitedRetry: "Demasiados intentos, inténtalo de nuevo en {seconds} s.",
  errorUnauthorized: "Vuelve a iniciar sesión.",
  errorForbidden:
    "Este sitio no puede acceder a la facturación ahora por un problema de configuración de su parte. Inténtalo más tarde.",
  errorTimeout: "El servidor de facturación tardó demasiado en responder. Inténtalo de nuevo.",
  errorInvalid: "Este importe no es válido. Revísalo.",
  errorRedirect: "La dirección de la página de pago se rechazó por tu seguridad.",
  errorGeneric: "Algo salió mal. Inténtalo de nuevo.",
});

/** Japanese. */
export const ja: CredytMessages = /* @__PURE__ */ withUsage(usageJa, {
  balance: "残高",
  loading: "残高を読み込み中…",
  empty: "残高はまだありません",
  loadError: "残高を読み込めませんでした。",
  signedOut: "残高を表示するにはサインインしてください。",
  stale: "最新ではありません",
  retry: "再試行",
  lowBalance: "残高不足",
  overdraft: "マイナス残高",
  pendingIn: "{amount} 処理中",
  returnPending: "お支払いを受け付けました。更新中…",
  returnProcessing: "お支払いを受け付けました。残高はまもなく更新されます。",
  returnFailed: "お支払いが完了しませんでした。請求は発生していません。",
  added: "{amount} を追加しました",
  dismiss: "閉じる",
  topUp: "チャージ",
  topUpAmount: "{amount} をチャージ",
  redirecting: "移動中…",
  dialogTitle: "残高をチャージ",
  dialogDescription: "金額を選択してください。安全な決済ページでお支払いいただけます。",
  presets: "金額",
  customAmount: "その他の金額",
  submit: "お支払いへ進む",
  cancel: "キャンセル",
  amountRequired: "0 より大きい金額を入力してください。",
  amountMin: "最低金額は {min} です。",
  amountMax: "最高金額は {max} です。",
  amountDecimals: "小数点以下は {decimals} 桁までです。",
  billingPortal: "請求を管理",
  errorNetwork: "請求サーバーに接続できません。接続を確認してください。",
  errorRateLimited: "試行回数が多すぎます。しばらくお待ちください。",
  errorRateLimitedRetry: "試行回数が多すぎます。{seconds} 秒後にもう一度お試しください。",
  errorUnauthorized: "もう一度サインインしてください。",
  errorForbidden:
    "サイト側の設定の問題により、現在お支払い情報にアクセスできません。しばらくしてからもう一度お試しください。",
  errorTimeout: "請求サーバーの応答に時間がかかりすぎました。もう一度お試しください。",
  errorInvalid: "この金額は使用できません。確認してください。",
  errorRedirect: "安全のため、決済ページのアドレスを拒否しました。",
  errorGeneric: "問題が発生しました。もう一度お試しください。",
});
