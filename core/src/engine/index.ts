// The engine entry point (DESIGN.md §5): providers and the runner. Only this part does cloud I/O.
export {};
