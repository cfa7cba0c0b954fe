/** Sends the browser to another site (Stripe Checkout); one seam so tests can see where it would go. */
export function leavePage(url: string): void {
  window.location.assign(url);
}
