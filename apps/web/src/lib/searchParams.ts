import { useSearchParams } from 'react-router';

/**
 * The address's query parameters, and a setter for one of them that replaces the history entry
 * (a page's filters are not steps to go back through); undefined removes the parameter.
 */
export function useSearchParam() {
  const [params, setParams] = useSearchParams();
  const setParam = (key: string, value: string | undefined) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value === undefined) next.delete(key);
        else next.set(key, value);
        return next;
      },
      { replace: true },
    );
  return { params, setParam };
}
