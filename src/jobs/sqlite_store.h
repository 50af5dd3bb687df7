// The default job store: one SQLite database file in the data folder, in WAL
// mode, its schema created and upgraded by numbered migrations (the
// schema_migrations table records which ran). Survives restarts; several
// threads of one process share it (one connection, serialized by a mutex).
#pragma once

#include <memory>
#include <string>

#include "jobs/job_store.h"

namespace crmerge::jobs {

// Opens (creating when missing) the store at `path` and runs the migrations it
// lacks. A store written by a newer crmerge (an unknown migration) is refused
// with a message naming the file.
Result<std::unique_ptr<JobStore>> open_sqlite_store(const std::string& path);

// The migrations this build knows (the schema version it writes).
int sqlite_store_schema_version();

}  // namespace crmerge::jobs
