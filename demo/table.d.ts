// Types of demo/table.js, for the test that imports it (test/browser-pages/demo.test.ts).
export function parseTable(text: string, name?: string): Record<string, (number | null)[] | string[]>;
export function exampleTables(): { reference: string; current: string };
