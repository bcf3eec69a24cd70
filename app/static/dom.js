// Building the page: DOM and SVG elements, a view's address, and small helpers on lists.
// All text from the API goes into the page as text nodes, never as HTML.

function build(element, attributes, children) {
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "class") element.setAttribute("class", value);
    else if (name.startsWith("on")) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

export const h = (tag, attributes = {}, ...children) => build(document.createElement(tag), attributes, children);
export const svg = (tag, attributes = {}, ...children) =>
  build(document.createElementNS("http://www.w3.org/2000/svg", tag), attributes, children);

/** A chart's <svg> root: its viewBox as large as the chart, and named for screen readers as one group. */
export const chartSvg = (className, width, height, label) =>
  svg("svg", {
    class: className,
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    role: "group",
    "aria-label": label,
  });

/** Path segments, each encoded (an id may hold a slash), after a leading slash: ["plans", "a/b"] → "/plans/a%2Fb". */
export const encodedPath = (segments) => "/" + segments.map(encodeURIComponent).join("/");

export const link = (href, ...children) => h("a", { href }, ...children);
/** A view's address: #/kind/id…, with an optional query of view state (empty values left out). */
export function route(...parts) {
  const last = parts.at(-1);
  const query = last && typeof last === "object" ? parts.pop() : null;
  const path = "#" + encodedPath(parts);
  if (!query) return path;
  const params = new URLSearchParams(
    Object.entries(query).filter(([, v]) => v !== null && v !== undefined && v !== ""),
  );
  return String(params) ? `${path}?${params}` : path;
}
export const unique = (values) => [...new Set(values)];
export function groupBy(values, key) {
  const groups = new Map();
  for (const value of values) {
    const name = key(value);
    if (!groups.has(name)) groups.set(name, []);
    groups.get(name).push(value);
  }
  return groups;
}
export const byId = (records) => new Map(records.map((record) => [record.id, record]));
export const plural = (count, one, many = `${one}s`) => `${count.toLocaleString("en")} ${count === 1 ? one : many}`;
