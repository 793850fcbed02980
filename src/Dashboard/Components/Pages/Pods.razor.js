// Collocated module of Pods.razor.

/** Scrolls the table inside `host` (MudTable's scroll container) back to its first row. */
export function scrollToTop(host) {
  const container = host?.querySelector(".mud-table-container");
  if (container) {
    container.scrollTop = 0;
  }
}
