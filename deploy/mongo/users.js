// Creates or updates the two MongoDB users of the bridge (idempotent: run it
// again to change a password):
//   - the bridge's own user: readWrite on the bridge database only (the
//     nodes write the projection: mints, burns, invalid_mints, the node
//     heartbeats, the scanners' cursors, and their indexes);
//   - the frontend's user: read on the bridge database only.
// Both users live in the bridge database, so their connection strings name
// it: mongodb://wpokt-bridge:PASSWORD@mongo-1,mongo-2,mongo-3/wpokt?replicaSet=rs0
//
// Passwords come from the environment only:
//   MONGO_BRIDGE_PASSWORD=... MONGO_FRONTEND_PASSWORD=... \
//     mongosh "mongodb://mongo-1:27017/admin?replicaSet=rs0" --username admin deploy/mongo/users.js
// Optional: MONGO_DATABASE (default wpokt, the config key mongo.database),
// MONGO_BRIDGE_USER (default wpokt-bridge), MONGO_FRONTEND_USER (default
// wpokt-frontend). The connection must be a user allowed to manage users
// (userAdmin on the bridge database, or userAdminAnyDatabase).

(function () {
  const env = process.env;
  const dbName = env.MONGO_DATABASE || "wpokt";
  const users = [
    { name: env.MONGO_BRIDGE_USER || "wpokt-bridge", passwordVar: "MONGO_BRIDGE_PASSWORD", role: "readWrite" },
    { name: env.MONGO_FRONTEND_USER || "wpokt-frontend", passwordVar: "MONGO_FRONTEND_PASSWORD", role: "read" },
  ];
  if (!/^[A-Za-z0-9_-]+$/.test(dbName) || dbName === "admin" || dbName === "local" || dbName === "config") {
    throw new Error("MONGO_DATABASE: want the bridge's own database, got " + JSON.stringify(dbName));
  }
  if (users[0].name === users[1].name) {
    throw new Error("MONGO_BRIDGE_USER and MONGO_FRONTEND_USER must differ");
  }
  for (const u of users) {
    if (!env[u.passwordVar] || env[u.passwordVar].length < 16) {
      throw new Error(u.passwordVar + " is not set or shorter than 16 characters");
    }
  }

  const target = db.getSiblingDB(dbName);
  for (const u of users) {
    const roles = [{ role: u.role, db: dbName }];
    const pwd = env[u.passwordVar];
    if (target.getUser(u.name)) {
      // updateUser replaces the roles: a role granted by hand is removed.
      target.updateUser(u.name, { pwd: pwd, roles: roles });
      print("updated user " + u.name + ": " + u.role + " on " + dbName);
    } else {
      target.createUser({ user: u.name, pwd: pwd, roles: roles });
      print("created user " + u.name + ": " + u.role + " on " + dbName);
    }
  }
})();
