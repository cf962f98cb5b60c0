/** An `onRedirect` that keeps the test on its page (jsdom cannot navigate): it prevents the redirect. */
export function stay(_url: string, event: { preventDefault(): void }): void {
  event.preventDefault();
}
