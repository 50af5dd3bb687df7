// A DuckDB database (a file or in memory), configured for running one job:
// bounded memory, a private spill folder, no extension downloads, file access
// limited to the folders it is given, and the configuration locked so that no
// later statement can loosen any of it.
//
// src/duck/ is the only code that includes duckdb.h; its headers hold DuckDB's
// handles as opaque pointers.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "base/status.h"

struct _duckdb_database;

namespace crmerge::duck {

class Connection;

struct DatabaseOptions {
  std::string path;                      // empty: in memory
  std::string memory_limit = "512MB";    // DuckDB syntax: "512MB", "4GB"
  int threads = 0;                       // 0: DuckDB's default (all cores)
  std::string temp_directory;            // where DuckDB spills; empty: no spilling
  // Folders (and single files) DuckDB may read or write besides its own database
  // and temp_directory. Everything else, remote URLs included, is refused.
  std::vector<std::string> allowed_directories;
  std::vector<std::string> allowed_paths;
  bool lock_configuration = true;
  // DuckDB optimizer passes to leave out (its `disabled_optimizers` setting).
  std::vector<std::string> disabled_optimizers;
};

class Database {
 public:
  static Result<Database> open(const DatabaseOptions& options);
  Database() = default;
  Database(Database&& other) noexcept;
  Database& operator=(Database&& other) noexcept;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  ~Database();  // closes the database; every other Connection must be gone by then

  // The connection opened with the database. It reports query progress:
  // progress reporting is a per-connection setting, which a locked
  // configuration no longer lets later connections turn on.
  Connection& connection() { return *main_; }
  _duckdb_database* handle() const { return db_; }

 private:
  _duckdb_database* db_ = nullptr;
  std::unique_ptr<Connection> main_;
};

// DuckDB's version, e.g. "v1.4.4".
std::string library_version();

}  // namespace crmerge::duck
