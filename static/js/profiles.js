// The catalogue on a phone: the filters start folded (the search box stays), unless some are set.
document.addEventListener("DOMContentLoaded", () => {
  const panel = document.getElementById("filters-panel");
  if (!panel || !window.matchMedia("(max-width: 760px)").matches) return;
  const params = new URLSearchParams(window.location.search);
  const active = [...params.entries()].some(([key, value]) => value && key !== "q" && key !== "page");
  if (!active) panel.open = false;
});
