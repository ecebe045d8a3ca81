import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, preloadOpeningPage } from './app/App.tsx';
import { createQueryClient } from './app/queryClient.ts';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

const queryClient = createQueryClient();
preloadOpeningPage(queryClient, window.location);

createRoot(root).render(
  <StrictMode>
    <App queryClient={queryClient} />
  </StrictMode>,
);
