import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Api } from './api/api';
import { App } from './ui/App';
import './ui/styles.css';

const api = new Api({ storage: window.localStorage, locks: navigator.locks ?? null });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App api={api} />
  </StrictMode>,
);
