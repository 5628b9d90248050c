// Starts the page's islands as soon as this module runs. Leptos' own loader first waits for
// requestIdleCallback, which on the lab pages held back every island by 30 to 80 ms after
// the page had loaded. Called with the bundle's JS and wasm addresses.
(async (js, wasm) => {
  const bundle = await import(js);
  await bundle.default({ module_or_path: wasm });
  bundle.hydrate();
  // Document order, as the server rendered them; each export is named after its island.
  for (const island of document.querySelectorAll("leptos-island")) {
    const start = bundle[island.dataset.component];
    if (start) await start(island);
    else console.error(`${js} has no island ${island.dataset.component}`);
  }
})
