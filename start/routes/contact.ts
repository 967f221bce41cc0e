/*
| Routes of the contact capability (imported by start/routes.ts).
*/
export {}
