#include "duck/database.h"

#include <duckdb.h>

#include <utility>

#include "duck/connection.h"
#include "duck/quote.h"

namespace crmerge::duck {

namespace {

std::string as_dir(std::string p) {
  if (p.empty() || p.back() != '/') p += '/';
  return p;
}

Result<std::string> list_literal(const std::vector<std::string>& items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) {
    CRM_ASSIGN_OR_RETURN(std::string lit, quote_literal(items[i]));
    if (i) out += ", ";
    out += lit;
  }
  return out + "]";
}

}  // namespace

Result<Database> Database::open(const DatabaseOptions& options) {
  duckdb_config config = nullptr;
  if (duckdb_create_config(&config) != DuckDBSuccess) return Status::internal("DuckDB: cannot create a configuration");
  std::string threads = std::to_string(options.threads);
  std::vector<std::pair<const char*, std::string>> settings = {
      {"memory_limit", options.memory_limit},
      {"autoinstall_known_extensions", "false"},
      {"autoload_known_extensions", "false"},
  };
  if (options.threads > 0) settings.emplace_back("threads", threads);
  if (!options.temp_directory.empty()) settings.emplace_back("temp_directory", options.temp_directory);
  std::string disabled;
  for (const auto& name : options.disabled_optimizers) disabled += (disabled.empty() ? "" : ",") + name;
  if (!disabled.empty()) settings.emplace_back("disabled_optimizers", disabled);
  for (auto& [name, value] : settings) {
    if (duckdb_set_config(config, name, value.c_str()) != DuckDBSuccess) {
      duckdb_destroy_config(&config);
      return Status::invalid_input(std::string("DuckDB rejected the setting ") + name + " = '" + value + "'");
    }
  }
  Database db;
  char* error = nullptr;
  const char* path = options.path.empty() ? nullptr : options.path.c_str();
  duckdb_state state = duckdb_open_ext(path, &db.db_, config, &error);
  duckdb_destroy_config(&config);
  if (state != DuckDBSuccess) {
    std::string m = error ? error : "unknown error";
    if (error) duckdb_free(error);
    return Status::io_error("cannot open the DuckDB database " + (path ? options.path : ":memory:") + ": " + m);
  }

  // These settings cannot be given to duckdb_open_ext; they are set, then frozen.
  CRM_ASSIGN_OR_RETURN(Connection conn, Connection::open(db));
  std::vector<std::string> dirs;
  for (const auto& d : options.allowed_directories) dirs.push_back(as_dir(d));
  if (!options.temp_directory.empty()) dirs.push_back(as_dir(options.temp_directory));
  CRM_ASSIGN_OR_RETURN(std::string dir_list, list_literal(dirs));
  CRM_ASSIGN_OR_RETURN(std::string path_list, list_literal(options.allowed_paths));
  std::vector<std::string> statements = {
      "SET enable_progress_bar = true",
      "SET enable_progress_bar_print = false",
      "SET allowed_directories = " + dir_list,
      "SET allowed_paths = " + path_list,
      "SET enable_external_access = false",
  };
  if (options.lock_configuration) statements.emplace_back("SET lock_configuration = true");
  for (const auto& sql : statements) CRM_RETURN_IF_ERROR(conn.execute(sql));
  db.main_ = std::make_unique<Connection>(std::move(conn));
  return db;
}

Database::Database(Database&& other) noexcept { *this = std::move(other); }

Database& Database::operator=(Database&& other) noexcept {
  if (this != &other) {
    main_.reset();
    if (db_) duckdb_close(&db_);
    db_ = std::exchange(other.db_, nullptr);
    main_ = std::move(other.main_);
  }
  return *this;
}

Database::~Database() {
  main_.reset();
  if (db_) duckdb_close(&db_);
}

std::string library_version() { return duckdb_library_version(); }

}  // namespace crmerge::duck
