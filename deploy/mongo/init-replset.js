// Initiates the replica set and its administrator, then runs users.js. Used
// by the mongo-init service of deploy/compose/docker-compose.yml, which runs
// it with mongosh on mongo-1's own network (localhost), so that the first
// run can use MongoDB's localhost exception: with --keyFile and no user yet,
// a localhost connection may initiate the set and create the first user.
// Later runs authenticate as that user. Idempotent.
//
// Environment: MONGO_ROOT_PASSWORD (required), MONGO_ROOT_USER (default
// admin), MONGO_REPLSET (default rs0), MONGO_MEMBERS (default
// mongo-1:27017,mongo-2:27017,mongo-3:27017), MONGO_SCRIPTS (directory of
// users.js, default /scripts), and what users.js reads.

(function () {
  const env = process.env;
  const rootUser = env.MONGO_ROOT_USER || "admin";
  const rootPwd = env.MONGO_ROOT_PASSWORD;
  const setName = env.MONGO_REPLSET || "rs0";
  const members = (env.MONGO_MEMBERS || "mongo-1:27017,mongo-2:27017,mongo-3:27017").split(",");
  if (!rootPwd || rootPwd.length < 16) {
    throw new Error("MONGO_ROOT_PASSWORD is not set or shorter than 16 characters");
  }
  const admin = db.getSiblingDB("admin");

  let authed = false;
  try {
    admin.auth(rootUser, rootPwd);
    authed = true;
  } catch (e) {
    print("no administrator yet (" + e.message + "): using the localhost exception");
  }

  // hello is allowed before authentication; it names the set once initiated.
  const initiated = Boolean(db.hello().setName);
  if (!initiated) {
    // The first member (this one) is preferred as primary, so that the
    // localhost connection below reaches the primary.
    rs.initiate({
      _id: setName,
      members: members.map((host, i) => ({ _id: i, host: host, priority: i === 0 ? 2 : 1 })),
    });
    print("initiated replica set " + setName + ": " + members.join(", "));
  }
  for (let i = 0; !db.hello().isWritablePrimary; i++) {
    if (i >= 120) {
      throw new Error("no primary after 120 s");
    }
    sleep(1000);
  }

  if (!authed) {
    admin.createUser({ user: rootUser, pwd: rootPwd, roles: [{ role: "root", db: "admin" }] });
    admin.auth(rootUser, rootPwd);
    print("created administrator " + rootUser);
  }
  load((env.MONGO_SCRIPTS || "/scripts") + "/users.js");
})();
