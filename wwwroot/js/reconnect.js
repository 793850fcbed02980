// Blazor's reconnection, shown as a banner (#components-reconnect-modal in App.razor, styled in site.css by the
// classes Blazor sets on it) that recovers by itself: a failed reconnect is retried every few seconds, a circuit the
// server no longer knows reloads the page. A module file, so no inline script is needed.

const banner = document.getElementById('components-reconnect-modal');
const retryDelayMs = 5000;
let retryTimer = null;

async function retry() {
  retryTimer = null;
  try {
    const reconnected = await Blazor.reconnect();
    if (!reconnected) {
      // The server is back but has dropped this circuit: start a fresh one.
      location.reload();
    }
  } catch {
    // The server is still away: try again.
    scheduleRetry();
  }
}

function scheduleRetry() {
  if (retryTimer === null) {
    retryTimer = setTimeout(retry, retryDelayMs);
  }
}

if (banner) {
  banner.addEventListener('components-reconnect-state-changed', event => {
    const state = event.detail?.state;
    if (state === 'failed') {
      scheduleRetry();
    } else if (state === 'rejected') {
      location.reload();
    }
  });
}
