// Reading and writing the API: JSON answers, one page of a list, problem documents as errors, a visit's cache.

import { byId, encodedPath, unique } from "./dom.js";

export const API = "api/v1";
export const LIST_LIMIT = 500; // the API's largest page: a list view reads one page, and says when there is more

/** An API path from its segments, each encoded: apiPath("plans", id, "points") → "/plans/…/points". */
export const apiPath = (...segments) => encodedPath(segments);

/** An answer that is not 2xx; `problem` is its application/problem+json document, when it sent one. */
export class ApiError extends Error {
  constructor(message, { status = null, problem = null } = {}) {
    super(message);
    this.status = status;
    this.problem = problem;
  }
}

async function failure(response) {
  let problem = null;
  try {
    problem = await response.json(); // application/problem+json
  } catch {
    // not a problem document: keep the status text
  }
  const detail = problem?.detail || problem?.title || response.statusText;
  return new ApiError(`${response.status} — ${detail}`, { status: response.status, problem });
}

/** GET a JSON answer. Only parameters the operation declares are sent (empty ones are left out). */
export async function getJSON(path, params = {}) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    for (const one of [value].flat()) if (one !== null && one !== undefined && one !== "") query.append(name, one);
  }
  const url = `${API}${path}${String(query) ? `?${query}` : ""}`;
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  if (!response.ok) throw await failure(response);
  return response.json();
}

/** POST a JSON body with an API key (sent as a bearer header, never in the address); the created record. */
export async function postJSON(path, body, key) {
  const response = await fetch(`${API}${path}`, {
    method: "POST",
    headers: { Accept: "application/json", "Content-Type": "application/json", Authorization: `Bearer ${key}` },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw await failure(response);
  return response.json();
}

/** One page of up to LIST_LIMIT records; `more` says the list goes on past it. */
export async function getList(path, params = {}) {
  const page = await getJSON(path, { ...params, limit: LIST_LIMIT });
  return Object.assign(page.items, {
    total: page.total,
    exact: page.total_exact,
    more: page.total > page.items.length,
  });
}

const cache = new Map();
export function cached(key, load) {
  if (!cache.has(key))
    cache.set(
      key,
      load().catch((error) => {
        cache.delete(key);
        throw error;
      }),
    );
  return cache.get(key);
}

/**
 * Records of a small collection (actors, issues, plans, plan points, sources) by id: its first page, read
 * once per visit; an id past that page (a knowledge base of thousands) is read on its own.
 */
export async function records(collection, ids = []) {
  const known = await cached(`list:${collection}`, async () => byId(await getList(`/${collection}`)));
  const missing = unique(ids.filter((id) => id && !known.has(id)));
  await Promise.all(
    missing.map(async (id) => {
      known.set(id, await cached(`${collection}:${id}`, () => getJSON(apiPath(collection, id))));
    }),
  );
  return known;
}
export const getSource = (id) => cached(`source-text:${id}`, () => getJSON(apiPath("sources", id)));
export const nameOf = (known, id) => known.get(id)?.name ?? known.get(id)?.title ?? id;
