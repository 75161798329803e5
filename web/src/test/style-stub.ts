// CSS imports in components resolve to nothing under Jest.
export {};
