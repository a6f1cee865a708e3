/*
 * The session-timeout warning (WCAG 2.2.1 Timing Adjustable); markup in
 * templates/_sessietijd.html, endpoints in portal/auth/sessietijd.py.
 *
 * Two minutes before the session ends a modal dialog asks whether the person wants to stay
 * logged in. "Blijf ingelogd" (or Escape) sends the form with fetch; the server answers with
 * the seconds left, and the timer starts again. When the time is up the page goes to the
 * login, which says why. Other tabs of the portal share the end through localStorage, so
 * working in one tab does not log the person out in another.
 *
 * Without JavaScript, or without <dialog>, nothing here runs: the page says when the session
 * ends, and the same forms post and come back.
 */
(() => {
  "use strict";

  const dialoog = document.getElementById("sessietijd-dialoog");
  if (!dialoog || typeof dialoog.showModal !== "function") {
    return;
  }

  const SLEUTEL = "portal-sessietijd";
  // A moment past the end, so the server has surely ended the session when the page asks.
  const MARGE_MS = 3000;
  // Browsers slow timers down in background tabs and stop them while a laptop sleeps: look
  // at the clock at least once a minute, and again whenever the tab is shown.
  const STAP_MS = 60000;

  const waarschuwenMs = Number(dialoog.dataset.waarschuwen) * 1000;
  const verlopenUrl = dialoog.dataset.verlopen;
  const teksten = document.querySelectorAll("[data-sessietijd-tekst]");
  const formulieren = document.querySelectorAll("form[data-sessietijd-verlengen]");
  const dialoogFormulier = dialoog.querySelector("form[data-sessietijd-verlengen]");
  const knopBuiten = document.querySelector(".sessietijd__knop");

  let einde = Date.now() + Number(dialoog.dataset.seconden) * 1000;
  let tekst = teksten.length ? teksten[0].textContent : "";
  let vast = dialoog.dataset.vast === "ja";
  // Warned for this end already: at the absolute limit the end no longer moves, and the
  // dialog must not open again each time it is closed.
  let gewaarschuwd = false;
  let timer = 0;
  let bezig = false;
  let focusVoor = null;

  function verlopen() {
    window.location.assign(verlopenUrl);
  }

  function toon() {
    gewaarschuwd = true;
    focusVoor = document.activeElement;
    dialoog.showModal();
    // The answer most people want gets the focus; the dialog's name and text are read out.
    dialoogFormulier.querySelector("button").focus();
  }

  function sluit() {
    if (!dialoog.open) {
      return;
    }
    dialoog.close();
    if (focusVoor && focusVoor.isConnected && document.activeElement === document.body) {
      focusVoor.focus();
    }
  }

  function plan() {
    window.clearTimeout(timer);
    const nu = Date.now();
    if (nu >= einde + MARGE_MS) {
      verlopen();
      return;
    }
    const waarschuwing = einde - waarschuwenMs;
    if (nu >= waarschuwing && !gewaarschuwd) {
      toon();
    }
    const volgende = nu < waarschuwing ? waarschuwing : einde + MARGE_MS;
    timer = window.setTimeout(plan, Math.min(Math.max(volgende - nu, 0), STAP_MS));
  }

  function bewaar() {
    try {
      const gedeeld = JSON.parse(window.localStorage.getItem(SLEUTEL) || "null");
      if (!gedeeld || !(gedeeld.einde >= einde)) {
        window.localStorage.setItem(SLEUTEL, JSON.stringify({ einde, tekst, vast }));
      }
    } catch {
      // No storage (a private window, or switched off): each tab keeps its own time.
    }
  }

  function zet(nieuwEinde, nieuweTekst, nieuwVast) {
    einde = nieuwEinde;
    vast = Boolean(nieuwVast);
    if (einde - Date.now() > waarschuwenMs) {
      gewaarschuwd = false;
      sluit();
    }
    if (typeof nieuweTekst === "string" && nieuweTekst !== tekst) {
      tekst = nieuweTekst;
      teksten.forEach((element) => {
        element.textContent = tekst;
      });
    }
    if (knopBuiten) {
      knopBuiten.hidden = vast;
    }
    plan();
  }

  async function verleng(formulier) {
    if (bezig) {
      return;
    }
    bezig = true;
    try {
      const antwoord = await fetch(formulier.action, {
        method: "POST",
        body: new URLSearchParams(new FormData(formulier)),
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
      if (antwoord.status === 401) {
        verlopen();
        return;
      }
      if (!antwoord.ok) {
        throw new Error(`HTTP ${antwoord.status}`);
      }
      const gegevens = await antwoord.json();
      // Close first: while the dialog is modal the rest of the page is inert, and the
      // sentence below must be read out when it changes.
      sluit();
      zet(Date.now() + gegevens.seconden * 1000, gegevens.tekst, gegevens.vast);
      bewaar();
    } catch {
      // The network or the server failed: let the browser send the form itself, so the
      // person gets the server's own page (an error page says what went wrong).
      formulier.submit();
    } finally {
      bezig = false;
    }
  }

  formulieren.forEach((formulier) => {
    formulier.addEventListener("submit", (gebeurtenis) => {
      gebeurtenis.preventDefault();
      verleng(formulier);
    });
  });

  // Escape: the person is at the screen and wants to go on, so it counts as "Blijf ingelogd".
  dialoog.addEventListener("cancel", (gebeurtenis) => {
    gebeurtenis.preventDefault();
    verleng(dialoogFormulier);
  });

  window.addEventListener("storage", (gebeurtenis) => {
    if (gebeurtenis.key !== SLEUTEL || !gebeurtenis.newValue) {
      return;
    }
    let gedeeld;
    try {
      gedeeld = JSON.parse(gebeurtenis.newValue);
    } catch {
      return;
    }
    // Only a later end counts: that is activity in another tab.
    if (gedeeld && typeof gedeeld.einde === "number" && gedeeld.einde > einde) {
      zet(gedeeld.einde, gedeeld.tekst, gedeeld.vast);
    }
  });

  document.addEventListener("visibilitychange", () => {
    if (!document.hidden) {
      plan();
    }
  });

  bewaar();
  plan();
})();
