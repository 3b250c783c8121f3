// The demo shop's own page script: shows what the widget did, and wires the
// shopper's history controls to edge-rerank's static forget()/exportHistory().
// Everything is written with textContent: no product text becomes markup.

const status = document.getElementById('rerank-status');
const historyStatus = document.getElementById('history-status');

document.addEventListener('edge-rerank-reranked', (event) => {
  if (!status) return;
  const { order, reasons, backend, timings, historySize } = event.detail;
  const serverOrder = [...document.querySelectorAll('[data-server-id]')].map((li) => li.dataset.serverId);
  const moved = order.filter((id, i) => serverOrder[i] !== id).length;
  const ms = Math.round(timings?.endToEnd ?? timings?.total ?? 0);
  status.dataset.state = moved ? 'personalized' : 'server';
  status.textContent = moved
    ? `Personalized on this device (${backend}, ${ms} ms): ${moved} of ${order.length} moved, ${Object.keys(reasons).length} because of what you viewed.`
    : historySize
      ? `Server order kept: nothing you viewed is close to these results (${backend}, ${ms} ms).`
      : 'Server order: no history yet. Open a few products, then search again.';
});

document.addEventListener('edge-rerank-error', (event) => {
  if (status) {
    status.dataset.state = 'error';
    status.textContent = `Server order kept: ${event.detail.message}`;
  }
});

document.getElementById('add-to-cart')?.addEventListener('click', (event) => {
  // A fresh <edge-rerank-track event="cart"> records one event when it connects.
  const template = document.getElementById('cart-track');
  if (template instanceof HTMLTemplateElement) document.body.append(template.content.cloneNode(true));
  event.currentTarget.textContent = 'Added to cart';
});

async function widget() {
  return customElements.whenDefined('edge-rerank');
}

document.getElementById('forget-history')?.addEventListener('click', async () => {
  try {
    const EdgeRerank = await widget();
    await EdgeRerank.forget();
    if (historyStatus) historyStatus.textContent = 'History erased from this browser.';
    await showHistory();
  } catch (err) {
    if (historyStatus) historyStatus.textContent = `Could not erase history: ${err.message}`;
  }
});

document.getElementById('export-history')?.addEventListener('click', async () => {
  try {
    const EdgeRerank = await widget();
    const data = await EdgeRerank.exportHistory();
    const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
    const link = Object.assign(document.createElement('a'), { href: url, download: 'edge-rerank-history.json' });
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 0);
    if (historyStatus) historyStatus.textContent = `Downloaded ${data?.events?.length ?? 0} events.`;
  } catch (err) {
    if (historyStatus) historyStatus.textContent = `Could not export history: ${err.message}`;
  }
});

// The history page: lists what is stored, read on this device.
async function showHistory() {
  const table = document.getElementById('history-table');
  if (!table) return;
  const EdgeRerank = await widget();
  const { events = [] } = (await EdgeRerank.exportHistory()) ?? {};
  const body = table.querySelector('tbody');
  body.replaceChildren(
    ...[...events].reverse().map((e) => {
      const row = document.createElement('tr');
      row.dataset.itemId = e.itemId;
      for (const text of [new Date(e.time).toLocaleString(), e.type, e.title || e.itemId]) {
        const cell = document.createElement('td');
        cell.textContent = text;
        row.append(cell);
      }
      return row;
    }),
  );
  table.hidden = events.length === 0;
  document.getElementById('history-empty').hidden = events.length > 0;
}
showHistory().catch((err) => {
  if (historyStatus) historyStatus.textContent = `Could not read history: ${err.message}`;
});
