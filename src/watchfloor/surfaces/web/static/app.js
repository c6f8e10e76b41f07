// watchfloor: the only script. Reads need nothing; writes send the token kept in this tab.
"use strict";
(function () {
  const KEY = "watchfloor-token";
  const input = document.getElementById("token");
  if (input) {
    input.value = sessionStorage.getItem(KEY) || "";
    input.addEventListener("input", () => sessionStorage.setItem(KEY, input.value.trim()));
  }

  function headers(contentType) {
    const h = { "Accept": "application/json" };
    const token = (input && input.value.trim()) || sessionStorage.getItem(KEY) || "";
    if (token) h["Authorization"] = "Bearer " + token;
    if (contentType) h["Content-Type"] = contentType;
    return h;
  }

  function show(id, ok, text) {
    const out = id ? document.getElementById(id) : null;
    if (!out) return;
    out.textContent = text;
    out.className = "result " + (ok ? "ok" : "fail");
  }

  async function send(url, body, contentType, resultId) {
    try {
      const response = await fetch(url, { method: "POST", headers: headers(contentType), body: body });
      let detail = "";
      try {
        const data = await response.json();
        detail = response.ok ? JSON.stringify(data) : (data.detail ? JSON.stringify(data.detail) : "");
      } catch (e) { detail = ""; }
      show(resultId, response.ok, response.status + (response.ok ? " ok " : " refused ") + detail);
      return response.ok;
    } catch (e) {
      show(resultId, false, "request failed: " + e);
      return false;
    }
  }

  document.addEventListener("click", async (event) => {
    const button = event.target.closest("button.write");
    if (!button) return;
    const body = button.dataset.body || null;
    const ok = await send(button.dataset.url, body, body ? "application/json" : null, button.dataset.result);
    if (ok) {
      const row = button.closest("tr");
      const cell = row ? row.querySelector(".decision") : null;
      if (cell && body) cell.textContent = JSON.parse(body).decision;
    }
  });

  document.addEventListener("submit", async (event) => {
    const form = event.target.closest("form.write-form");
    if (!form) return;
    event.preventDefault();
    const text = form.querySelector("textarea").value;
    if (form.dataset.kind === "urls") {
      const urls = text.split(/\s+/).filter((u) => u.length > 0);
      await send(form.dataset.url, JSON.stringify({ urls: urls }), "application/json", form.dataset.result);
    } else {
      await send(form.dataset.url, text, "application/x-ndjson", form.dataset.result);
    }
  });
})();
