namespace KubeMesos.Bench.Ui;

/// <summary>
/// Scripts run inside the browser page, so the figures are the browser's own clock (performance.now from navigation
/// start, requestAnimationFrame after a DOM change = the frame that paints it), not Playwright's polling.
/// </summary>
internal static class BrowserProbes
{
    /// <summary>
    /// Installed before any page script: notes when the first pod row (a row with a link to its pod page) is painted, and the
    /// wall-clock time each pod whose name starts with <c>window.__km.prefix</c> is first painted.
    /// </summary>
    public const string Init = """
        (() => {
          const km = window.__km = { firstRow: null, seen: {}, prefix: 'ui-new-', watch: null };
          const painted = (set) => requestAnimationFrame(() => set(performance.timeOrigin + performance.now()));
          const check = () => {
            if (km.ready === undefined && document.querySelector('[data-circuit=ready]')) km.ready = performance.now();
            if (km.firstRow === null && document.querySelector('tbody a[href^="pods/"]')) {
              km.firstRow = -1;
              requestAnimationFrame(() => { km.firstRow = performance.now(); });
            }
            const fresh = [];
            for (const a of document.querySelectorAll('tbody a[href^="pods/default/' + km.prefix + '"]')) {
              const name = a.textContent;
              if (!(name in km.seen)) { km.seen[name] = -1; fresh.push(name); }
            }
            if (fresh.length) painted(t => { for (const n of fresh) km.seen[n] = t; });
            if (km.watch) km.watch();
          };
          new MutationObserver(check).observe(document, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['data-circuit'] });
        })();
        """;

    /// <summary>
    /// Starts counting the page's DOM mutations by kind and target (<c>tag.class</c> of the changed node's element and its
    /// parent): what each render batch touches, to find renders that change more than their pod's row.
    /// </summary>
    public const string StartMutationCensus = """
        () => {
          const census = window.__kmCensus = { counts: {}, started: performance.now(), rows: [] };
          const pod = (n) => n.nodeType === 1 && n.tagName === 'TR' ? (n.querySelector('a')?.textContent ?? (n.className || 'tr')) : null;
          const name = (n) => !n ? '-' : n.nodeType !== 1 ? name(n.parentElement) : n.tagName.toLowerCase() + (n.classList.length ? '.' + [...n.classList].slice(0, 2).join('.') : '');
          new MutationObserver(list => {
            for (const m of list) {
              const where = name(m.target.parentElement) + ' > ' + name(m.target);
              const what = m.type === 'attributes' ? 'attr ' + m.attributeName : m.type === 'characterData' ? 'text' : `+${m.addedNodes.length} -${m.removedNodes.length}`;
              const key = what + ' @ ' + where;
              census.counts[key] = (census.counts[key] || 0) + 1;
              if (m.type === 'childList' && census.rows.length < 400) {
                for (const n of m.addedNodes) if (pod(n)) census.rows.push('+' + pod(n));
                for (const n of m.removedNodes) if (pod(n)) census.rows.push('-' + pod(n));
              }
            }
            if (census.rows.length < 400 && census.rows[census.rows.length - 1] !== '|') census.rows.push('|');
          }).observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
        }
        """;

    /// <summary>The census so far: mutations per second by kind and target, most frequent first.</summary>
    public const string ReadMutationCensus = """
        () => {
          const census = window.__kmCensus;
          const seconds = (performance.now() - census.started) / 1000;
          return Object.entries(census.counts).sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${(v / seconds).toFixed(1).padStart(7)}/s  ${k}`)
            .concat(['rows added (+) and removed (-), | between mutation batches: ' + census.rows.join(' ')]);
        }
        """;

    /// <summary>Arms a watch: the first painted frame where the pods status line starts with the expected text.</summary>
    public const string ArmFilterWatch = """
        (expected) => {
          const km = window.__km;
          km.filterDone = null;
          km.watch = () => {
            if (km.filterDone !== null) return;
            const status = [...document.querySelectorAll('[role=status]')].find(e => e.textContent.includes(' pods'));
            if (status && status.textContent.trim().startsWith(expected)) {
              km.filterDone = -1;
              requestAnimationFrame(() => { km.filterDone = performance.now(); });
            }
          };
          km.filterStart = performance.now();
          return km.filterStart;
        }
        """;

    /// <summary>
    /// Scrolls the virtualized container by <c>step</c> px every frame for <c>ms</c>; returns frame count, fps, the
    /// longest frame and how many frames showed no pod row at the container's middle (rows not rendered yet).
    /// </summary>
    public const string Scroll = """
        async ([ms, step]) => {
          const c = document.querySelector('.km-pod-table .mud-table-container');
          const frames = [];
          let blank = 0;
          const start = performance.now();
          return await new Promise(resolve => {
            const frame = (t) => {
              frames.push(t);
              const r = c.getBoundingClientRect();
              const el = document.elementFromPoint(r.left + 60, r.top + r.height / 2);
              const row = el && el.closest('tr');
              if (!row || !row.querySelector('a')) blank++;
              c.scrollTop += step;
              if (t - start < ms) { requestAnimationFrame(frame); return; }
              let longest = 0;
              for (let i = 1; i < frames.length; i++) longest = Math.max(longest, frames[i] - frames[i - 1]);
              const seconds = (frames[frames.length - 1] - frames[0]) / 1000;
              resolve({ frames: frames.length, fps: (frames.length - 1) / seconds, longest, blank, scrollTop: c.scrollTop, scrollHeight: c.scrollHeight });
            };
            requestAnimationFrame(frame);
          });
        }
        """;
}
