// Test helper: a separate process that takes the data folder lock of argv[2] and keeps it until killed.
import { acquireLock } from "../lock";

acquireLock(process.argv[2]);
console.log("locked");
setInterval(() => {}, 1000);
