// The index's filters, search and sorting. The table is complete without this script; the
// script only hides rows, reorders them and keeps the view in the address's fragment
// (#status=listed&q=word&sort=-name) so a view can be shared.
"use strict";
(() => {
  const table = document.getElementById("companies");
  const controls = document.getElementById("controls");
  if (!table || !controls) return;
  const body = table.tBodies[0];
  const rows = Array.from(body.rows);
  // search-index.js: [id, searchable text] pairs (names, aliases, industry, prose, claims); a
  // row's own text if the file did not load.
  const index = new Map(Array.isArray(globalThis.icelistSearch) ? globalThis.icelistSearch : []);
  const haystack = new Map(rows.map((row) => [row, (index.get(row.dataset.id) ?? row.textContent).toLowerCase()]));
  const search = document.getElementById("search");
  const filters = Array.from(controls.querySelectorAll("select[data-filter]"));
  const shown = document.getElementById("shown");
  const headers = Array.from(table.tHead.rows[0].cells);
  let sort = null;

  const values = (row, key) => {
    const raw = row.dataset[key] ?? "";
    return raw.startsWith("[") ? JSON.parse(raw) : [raw];
  };
  const matches = (row) => {
    for (const select of filters) {
      if (select.value !== "" && !values(row, select.dataset.filter).includes(select.value)) return false;
    }
    const words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    const text = haystack.get(row);
    return words.every((word) => text.includes(word));
  };
  const sortKey = (row, column) => {
    const text = row.cells[column].textContent.trim();
    const number = Number(text);
    return text !== "" && Number.isFinite(number) ? number : text.toLowerCase();
  };
  const apply = () => {
    let count = 0;
    for (const row of rows) {
      row.hidden = !matches(row);
      if (!row.hidden) count += 1;
    }
    const ordered = rows.slice();
    if (sort) {
      const column = headers.findIndex((th) => th.dataset.key === sort.key);
      ordered.sort((a, b) => {
        const x = sortKey(a, column);
        const y = sortKey(b, column);
        const order = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
        return sort.descending ? -order : order;
      });
    }
    body.append(...ordered);
    for (const th of headers) {
      if (sort && th.dataset.key === sort.key) th.setAttribute("aria-sort", sort.descending ? "descending" : "ascending");
      else th.removeAttribute("aria-sort");
    }
    shown.textContent = `${count} of ${rows.length} companies shown`;
  };
  const save = () => {
    const state = new URLSearchParams();
    if (search.value.trim() !== "") state.set("q", search.value.trim());
    for (const select of filters) if (select.value !== "") state.set(select.name, select.value);
    if (sort) state.set("sort", (sort.descending ? "-" : "") + sort.key);
    const fragment = state.toString();
    history.replaceState(null, "", fragment === "" ? location.pathname + location.search : `#${fragment}`);
  };
  const load = () => {
    const state = new URLSearchParams(location.hash.slice(1));
    search.value = state.get("q") ?? "";
    for (const select of filters) {
      const wanted = state.get(select.name) ?? "";
      select.value = Array.from(select.options).some((o) => o.value === wanted) ? wanted : "";
    }
    const order = state.get("sort") ?? "";
    const key = order.replace(/^-/, "");
    sort = headers.some((th) => th.dataset.key === key) ? { key, descending: order.startsWith("-") } : null;
    apply();
  };

  for (const th of headers) {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = th.textContent;
    th.textContent = "";
    th.append(button);
    button.addEventListener("click", () => {
      sort = { key: th.dataset.key, descending: sort !== null && sort.key === th.dataset.key && !sort.descending };
      apply();
      save();
    });
  }
  search.addEventListener("input", () => { apply(); save(); });
  for (const select of filters) select.addEventListener("change", () => { apply(); save(); });
  window.addEventListener("hashchange", load);
  controls.hidden = false;
  load();
})();
