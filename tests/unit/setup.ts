// A fresh in-memory IndexedDB for the unit tests (fake-indexeddb implements the real spec).
import 'fake-indexeddb/auto';
