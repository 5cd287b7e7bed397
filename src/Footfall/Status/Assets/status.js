// footfall's status page, live: /events says something happened, the page fetches itself again and
// swaps in the server's rendering (one rendering, on the server). EventSource reconnects by itself;
// when it gives up (the daemon restarted and was down a while) we start a new one. Only while visible.
"use strict";
(() => {
  const live = document.getElementById("live");
  let source = null;
  let retry = null;
  let busy = false;
  let again = false;

  function show(on, text) {
    live.className = "live " + (on ? "on" : "off");
    live.textContent = text;
  }

  async function refresh() {
    if (busy) { again = true; return; }
    busy = true;
    try {
      const response = await fetch("/", { cache: "no-store" });
      if (response.ok) {
        const page = new DOMParser().parseFromString(await response.text(), "text/html");
        const fresh = page.getElementById("status");
        const current = document.getElementById("status");
        if (fresh && current) current.replaceWith(document.adoptNode(fresh));
        // The server's clock in the office's time zone, not this device's.
        const stamp = (page.getElementById("live")?.textContent ?? "").replace(/^updated /, "");
        if (source && source.readyState === EventSource.OPEN) show(true, "live · " + stamp);
      }
    } catch (e) {
      // The daemon is away; the next event or reconnect refreshes.
    } finally {
      busy = false;
      if (again) { again = false; refresh(); }
    }
  }

  function connect() {
    clearTimeout(retry);
    if (source) source.close();
    source = new EventSource("/events");
    source.addEventListener("open", () => { show(true, "live"); refresh(); });
    for (const type of ["presence", "health", "feed"]) source.addEventListener(type, refresh);
    source.addEventListener("error", () => {
      show(false, "reconnecting…");
      if (source.readyState === EventSource.CLOSED) retry = setTimeout(connect, 2000);
    });
  }

  document.addEventListener("visibilitychange", () => {
    if (document.hidden) { if (source) source.close(); source = null; clearTimeout(retry); }
    else connect();
  });
  // The clock, "since" and uptime age even when nothing happens.
  setInterval(refresh, 60000);
  if (!document.hidden) connect();
})();
