// Test helper: a separate process that takes the data folder lock of argv[2] and keeps it until killed.
// With "--mute-socket" it also records a CLI socket that takes connections and hangs up without an answer.
import net from "node:net";
import path from "node:path";
import { acquireLock, updateLock } from "../lock";

const dir = process.argv[2];
acquireLock(dir);
if (process.argv[3] === "--mute-socket") {
  const socket = path.join(dir, "cli.sock");
  net.createServer((conn) => conn.destroy()).listen(socket, () => {
    updateLock({ socket }, dir);
    console.log("locked");
  });
} else console.log("locked");
setInterval(() => {}, 1000);
