// The dashboard shell's browser side: the theme cookie, the clipboard and the keyboard shortcuts. A module file (no
// inline script), imported by the layout through IJSRuntime.

const themeCookie = 'km-theme';

/** Remembers the theme for a year; the server reads the cookie while prerendering, so a reload starts in it. */
export function setTheme(dark) {
  document.cookie = `${themeCookie}=${dark ? 'dark' : 'light'}; path=/; max-age=31536000; samesite=lax`;
}

export function copyText(text) {
  return navigator.clipboard.writeText(text);
}

let listener = null;

function typingInto(target) {
  return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
}

/** Sends shortcut keys to .NET (OnShortcut(key, ctrl)); keys typed into a field or a dialog stay there. */
export function listenShortcuts(dotnet) {
  stopShortcuts();
  listener = event => {
    if ((event.ctrlKey || event.metaKey) && !event.altKey && (event.key === 'k' || event.key === 'K')) {
      // The browser's own Ctrl+K (search bar) gives way to the palette.
      event.preventDefault();
      dotnet.invokeMethodAsync('OnShortcut', 'k', true);
      return;
    }

    if (event.ctrlKey || event.metaKey || event.altKey || event.key.length !== 1 || typingInto(event.target)) {
      return;
    }

    if (document.querySelector('.mud-dialog-container')) {
      return;
    }

    if (event.key === '/' || event.key === '?') {
      event.preventDefault();
    }

    dotnet.invokeMethodAsync('OnShortcut', event.key, false);
  };
  document.addEventListener('keydown', listener);
}

export function stopShortcuts() {
  if (listener) {
    document.removeEventListener('keydown', listener);
    listener = null;
  }
}
