#include "jobs/sqlite_store.h"

#include <sqlite3.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <iterator>
#include <limits>
#include <mutex>
#include <span>
#include <utility>

namespace crmerge::jobs {

namespace {

struct Migration {
  int version;
  const char* sql;
};

// Append only: a migration that has shipped never changes, since databases in
// the field have already run it. Each runs in its own transaction.
constexpr Migration kMigrations[] = {
    {1, R"sql(
CREATE TABLE jobs (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,  -- AUTOINCREMENT: a removed job's seq is never reused, so cursors stay valid
  id TEXT NOT NULL UNIQUE,
  tenant TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
  phase TEXT NOT NULL,
  percent REAL,                           -- REAL columns are NULL for NaN, which SQLite cannot store
  rows_done INTEGER NOT NULL,
  rows_per_second REAL,
  eta_seconds REAL,
  error TEXT NOT NULL,
  error_reason TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  started_ms INTEGER NOT NULL,
  finished_ms INTEGER NOT NULL,
  spec_json TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  webhook_url TEXT NOT NULL,
  webhook_attempts INTEGER NOT NULL,
  webhook_delivered INTEGER NOT NULL CHECK (webhook_delivered IN (0, 1)),
  upload_dir TEXT NOT NULL,
  work_dir TEXT NOT NULL,
  result_path TEXT NOT NULL,
  report_path TEXT NOT NULL,
  bytes_in INTEGER NOT NULL,              -- uint64 stored as its int64 bit pattern
  bytes_out INTEGER NOT NULL,
  rows_in INTEGER NOT NULL,
  timings_json TEXT NOT NULL,
  cancel_requested INTEGER NOT NULL CHECK (cancel_requested IN (0, 1)),
  runs INTEGER NOT NULL
);
-- "" means no key, and any number of a tenant's jobs may have none.
CREATE UNIQUE INDEX jobs_by_idempotency_key ON jobs (tenant, idempotency_key) WHERE idempotency_key <> '';
-- claim_next, in_state and count_by_state read the jobs of one state, oldest first.
CREATE INDEX jobs_by_state ON jobs (state, created_ms, seq);
CREATE TABLE job_phase_attempts (
  job_id TEXT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
  phase TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  PRIMARY KEY (job_id, phase)
) WITHOUT ROWID;
)sql"},
    // list() reads one tenant's jobs newest first; without this it scans every tenant's.
    {2, "CREATE INDEX jobs_by_tenant ON jobs (tenant, seq);"},
    // What a submit asked for, so that a reused Idempotency-Key with another request is told apart.
    {3, "ALTER TABLE jobs ADD COLUMN request_hash TEXT NOT NULL DEFAULT '';"},
};

constexpr bool migrations_numbered_in_order() {
  for (size_t i = 0; i < std::size(kMigrations); ++i) {
    if (kMigrations[i].version != static_cast<int>(i) + 1) return false;
  }
  return true;
}
static_assert(migrations_numbered_in_order(), "migrations are numbered 1, 2, 3, ... in order");

constexpr int kSchemaVersion = static_cast<int>(std::size(kMigrations));
constexpr size_t kMaxPageSize = 1000;

// One overload per JobRecord field type, so that the column table below can
// bind and read every field through the same two names.
int bind_value(sqlite3_stmt* s, int i, const std::string& v) {
  return sqlite3_bind_text64(s, i, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
}
int bind_value(sqlite3_stmt* s, int i, double v) { return sqlite3_bind_double(s, i, v); }  // NaN binds as NULL
int bind_value(sqlite3_stmt* s, int i, int64_t v) { return sqlite3_bind_int64(s, i, v); }
int bind_value(sqlite3_stmt* s, int i, uint64_t v) { return sqlite3_bind_int64(s, i, static_cast<int64_t>(v)); }
int bind_value(sqlite3_stmt* s, int i, int v) { return sqlite3_bind_int(s, i, v); }
int bind_value(sqlite3_stmt* s, int i, bool v) { return sqlite3_bind_int(s, i, v ? 1 : 0); }
int bind_value(sqlite3_stmt* s, int i, JobState v) {
  return sqlite3_bind_text(s, i, job_state_name(v), -1, SQLITE_STATIC);
}

bool read_value(sqlite3_stmt* s, int i, std::string& v) {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(s, i));
  v.assign(text ? text : "", text ? static_cast<size_t>(sqlite3_column_bytes(s, i)) : 0);
  return true;
}
bool read_value(sqlite3_stmt* s, int i, double& v) {
  v = sqlite3_column_type(s, i) == SQLITE_NULL ? std::numeric_limits<double>::quiet_NaN() : sqlite3_column_double(s, i);
  return true;
}
bool read_value(sqlite3_stmt* s, int i, int64_t& v) {
  v = sqlite3_column_int64(s, i);
  return true;
}
bool read_value(sqlite3_stmt* s, int i, uint64_t& v) {
  v = static_cast<uint64_t>(sqlite3_column_int64(s, i));
  return true;
}
bool read_value(sqlite3_stmt* s, int i, int& v) {
  v = sqlite3_column_int(s, i);
  return true;
}
bool read_value(sqlite3_stmt* s, int i, bool& v) {
  v = sqlite3_column_int(s, i) != 0;
  return true;
}
bool read_value(sqlite3_stmt* s, int i, JobState& v) {
  std::string name;
  read_value(s, i, name);
  std::optional<JobState> state = parse_job_state(name);
  if (state) v = *state;
  return state.has_value();
}

// A JobRecord field and its column: the one place that pairs them, so that
// INSERT, UPDATE and SELECT cannot disagree on the order.
struct JobColumn {
  const char* name;
  int (*bind)(sqlite3_stmt*, int, const JobRecord&);
  bool (*read)(sqlite3_stmt*, int, JobRecord&);
};

template <auto kField>
constexpr JobColumn column(const char* name) {
  return {name, [](sqlite3_stmt* s, int i, const JobRecord& j) { return bind_value(s, i, j.*kField); },
          [](sqlite3_stmt* s, int i, JobRecord& j) { return read_value(s, i, j.*kField); }};
}

// id first: UPDATE binds it as ?1 and sets the rest.
constexpr JobColumn kJobColumns[] = {
    column<&JobRecord::id>("id"),
    column<&JobRecord::tenant>("tenant"),
    column<&JobRecord::state>("state"),
    column<&JobRecord::phase>("phase"),
    column<&JobRecord::percent>("percent"),
    column<&JobRecord::rows_done>("rows_done"),
    column<&JobRecord::rows_per_second>("rows_per_second"),
    column<&JobRecord::eta_seconds>("eta_seconds"),
    column<&JobRecord::error>("error"),
    column<&JobRecord::error_reason>("error_reason"),
    column<&JobRecord::created_ms>("created_ms"),
    column<&JobRecord::started_ms>("started_ms"),
    column<&JobRecord::finished_ms>("finished_ms"),
    column<&JobRecord::spec_json>("spec_json"),
    column<&JobRecord::idempotency_key>("idempotency_key"),
    column<&JobRecord::webhook_url>("webhook_url"),
    column<&JobRecord::webhook_attempts>("webhook_attempts"),
    column<&JobRecord::webhook_delivered>("webhook_delivered"),
    column<&JobRecord::upload_dir>("upload_dir"),
    column<&JobRecord::work_dir>("work_dir"),
    column<&JobRecord::result_path>("result_path"),
    column<&JobRecord::report_path>("report_path"),
    column<&JobRecord::bytes_in>("bytes_in"),
    column<&JobRecord::bytes_out>("bytes_out"),
    column<&JobRecord::rows_in>("rows_in"),
    column<&JobRecord::timings_json>("timings_json"),
    column<&JobRecord::cancel_requested>("cancel_requested"),
    column<&JobRecord::runs>("runs"),
    column<&JobRecord::request_hash>("request_hash"),
};
constexpr int kJobColumnCount = static_cast<int>(std::size(kJobColumns));

constexpr JobColumn kProgressColumns[] = {
    column<&JobRecord::phase>("phase"),
    column<&JobRecord::percent>("percent"),
    column<&JobRecord::rows_done>("rows_done"),
    column<&JobRecord::rows_per_second>("rows_per_second"),
    column<&JobRecord::eta_seconds>("eta_seconds"),
    column<&JobRecord::timings_json>("timings_json"),
};

std::string column_names(std::span<const JobColumn> columns) {
  std::string out;
  for (const JobColumn& c : columns) out += (out.empty() ? "" : ", ") + std::string(c.name);
  return out;
}

std::string placeholders(int first, int count) {
  std::string out;
  for (int i = 0; i < count; ++i) out += (i ? ", ?" : "?") + std::to_string(first + i);
  return out;
}

// "a = ?2, b = ?3, ..."
std::string assignments(std::span<const JobColumn> columns, int first) {
  std::string out;
  for (const JobColumn& c : columns) {
    out += (out.empty() ? "" : ", ") + std::string(c.name) + " = ?" + std::to_string(first++);
  }
  return out;
}

// Every job query selects the record's columns and then seq (list's cursor).
const std::string& select_jobs() {
  static const std::string sql = "SELECT " + column_names(kJobColumns) + ", seq FROM jobs ";
  return sql;
}

class Statement {
 public:
  explicit Statement(sqlite3_stmt* stmt) : stmt_(stmt) {}
  Statement(Statement&& other) noexcept : stmt_(std::exchange(other.stmt_, nullptr)), bind_error_(other.bind_error_) {}
  Statement& operator=(Statement&&) = delete;
  ~Statement() { sqlite3_finalize(stmt_); }

  sqlite3_stmt* get() const { return stmt_; }
  // Binding fails only on a bug (a wrong index) or a value over SQLite's size
  // limit; the first failure is kept and reported by the next step.
  template <typename T>
  void bind(int i, const T& value) {
    note(bind_value(stmt_, i, value));
  }
  void bind_job(std::span<const JobColumn> columns, const JobRecord& job, int first) {
    for (const JobColumn& c : columns) note(c.bind(stmt_, first++, job));
  }
  int bind_error() const { return bind_error_; }

 private:
  void note(int rc) {
    if (rc != SQLITE_OK && bind_error_ == SQLITE_OK) bind_error_ = rc;
  }
  sqlite3_stmt* stmt_;
  int bind_error_ = SQLITE_OK;
};

// The connection and the error messages that name the store.
class Db {
 public:
  Db(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;
  ~Db() { sqlite3_close_v2(db_); }

  sqlite3* handle() const { return db_; }
  const std::string& path() const { return path_; }
  Status error(std::string_view message) const {
    return Status::io_error("job store " + path_ + ": " + std::string(message));
  }
  Status last_error() const { return error(db_ ? sqlite3_errmsg(db_) : "out of memory"); }

  // Runs constant SQL (no values) — one statement or a script.
  Status exec(const char* sql) {
    char* message = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) == SQLITE_OK) return Status::ok();
    Status s = error(message ? message : sqlite3_errmsg(db_));
    sqlite3_free(message);
    return s;
  }
  Result<Statement> prepare(const std::string& sql) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), static_cast<int>(sql.size() + 1), &stmt, nullptr) != SQLITE_OK) {
      return last_error();
    }
    return Statement(stmt);
  }
  // True with a row, false when done.
  Result<bool> step(Statement& st) {
    if (st.bind_error() != SQLITE_OK) return error(sqlite3_errstr(st.bind_error()));
    int rc = sqlite3_step(st.get());
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return last_error();
  }
  Status run(Statement& st) {
    Result<bool> row = step(st);
    return row.status();
  }
  int64_t changes() const { return sqlite3_changes64(db_); }

  // The first column of the first row of constant SQL, "" when there is none.
  Result<std::string> query_text(const char* sql) {
    CRM_ASSIGN_OR_RETURN(Statement st, prepare(sql));
    CRM_ASSIGN_OR_RETURN(bool row, step(st));
    std::string out;
    if (row) read_value(st.get(), 0, out);
    return out;
  }

 private:
  sqlite3* db_;
  std::string path_;
};

// BEGIN IMMEDIATE takes the write lock up front: a deferred transaction that
// reads and then writes can fail half-way with SQLITE_BUSY, past the point
// where the busy timeout would have waited for another process.
template <typename Body>
auto write_transaction(Db& db, Body&& body) -> decltype(body()) {
  CRM_RETURN_IF_ERROR(db.exec("BEGIN IMMEDIATE"));
  auto result = body();
  if (result.is_ok()) {
    Status committed = db.exec("COMMIT");
    if (committed.is_ok()) return result;
    result = committed;
  }
  // A failed COMMIT or statement may already have ended the transaction.
  if (!sqlite3_get_autocommit(db.handle())) (void)db.exec("ROLLBACK");
  return result;
}

class SqliteStore final : public JobStore {
 public:
  SqliteStore(sqlite3* db, std::string path) : db_(db, std::move(path)) {}

  Db& db() { return db_; }

  Status configure() {
    if (sqlite3_busy_timeout(db_.handle(), 5000) != SQLITE_OK) return db_.last_error();
    CRM_ASSIGN_OR_RETURN(std::string mode, db_.query_text("PRAGMA journal_mode = WAL"));
    // WAL lets readers (the HTTP API) proceed while a worker writes; some file
    // systems (network mounts) cannot give it, and then we would rather say so.
    if (mode != "wal") return db_.error("cannot switch to WAL mode (journal_mode is '" + mode + "')");
    CRM_RETURN_IF_ERROR(db_.exec("PRAGMA synchronous = NORMAL"));
    CRM_RETURN_IF_ERROR(db_.exec("PRAGMA foreign_keys = ON"));
    CRM_ASSIGN_OR_RETURN(std::string foreign_keys, db_.query_text("PRAGMA foreign_keys"));
    // remove() relies on ON DELETE CASCADE for the phase attempts.
    if (foreign_keys != "1") return db_.error("this SQLite cannot enforce foreign keys");
    return Status::ok();
  }

  Status migrate() {
    CRM_RETURN_IF_ERROR(db_.exec(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)"));
    for (const Migration& m : kMigrations) {
      // Checked inside each transaction: another process may be migrating the same file.
      CRM_RETURN_IF_ERROR(write_transaction(db_, [&]() -> Status {
        CRM_ASSIGN_OR_RETURN(MigrationState state, migration_state(m.version));
        auto [newest, applied] = state;
        if (newest > kSchemaVersion) {
          return Status::io_error("job store " + db_.path() + " was written by a newer crmerge (schema version " +
                                  std::to_string(newest) + "; this build knows up to " +
                                  std::to_string(kSchemaVersion) + ")");
        }
        if (applied) return Status::ok();
        CRM_RETURN_IF_ERROR(db_.exec(m.sql));
        CRM_ASSIGN_OR_RETURN(Statement record,
                             db_.prepare("INSERT INTO schema_migrations (version, applied_at) VALUES (?1, ?2)"));
        record.bind(1, m.version);
        record.bind(2, now_ms());
        return db_.run(record);
      }));
    }
    return Status::ok();
  }

  Result<CreateOutcome> create(const JobRecord& job) override {
    static const std::string insert = "INSERT INTO jobs (" + column_names(kJobColumns) + ") VALUES (" +
                                      placeholders(1, kJobColumnCount) +
                                      ") ON CONFLICT (tenant, idempotency_key) WHERE idempotency_key <> '' DO NOTHING";
    std::lock_guard lock(mu_);
    return write_transaction(db_, [&]() -> Result<CreateOutcome> {
      CRM_ASSIGN_OR_RETURN(Statement st, db_.prepare(insert));
      st.bind_job(kJobColumns, job, 1);
      CRM_RETURN_IF_ERROR(db_.run(st));
      if (db_.changes() == 1) return CreateOutcome{job, true};
      // Only the idempotency index is a DO NOTHING target, so a duplicate id
      // still fails above and no row means the key is taken.
      CRM_ASSIGN_OR_RETURN(Statement existing,
                           db_.prepare(select_jobs() + "WHERE tenant = ?1 AND idempotency_key = ?2"));
      existing.bind(1, job.tenant);
      existing.bind(2, job.idempotency_key);
      CRM_ASSIGN_OR_RETURN(std::optional<JobRecord> found, one_job(existing));
      if (!found) return db_.error("idempotency key conflict without a job holding the key");
      return CreateOutcome{std::move(*found), false};
    });
  }

  Result<std::optional<JobRecord>> get(const std::string& id) override {
    std::lock_guard lock(mu_);
    CRM_ASSIGN_OR_RETURN(Statement st, db_.prepare(select_jobs() + "WHERE id = ?1"));
    st.bind(1, id);
    return one_job(st);
  }

  Result<JobPage> list(const std::string& tenant, size_t limit, const std::string& cursor) override {
    limit = std::clamp<size_t>(limit, 1, kMaxPageSize);
    int64_t before = std::numeric_limits<int64_t>::max();
    if (!cursor.empty()) {
      auto [end, ec] = std::from_chars(cursor.data(), cursor.data() + cursor.size(), before);
      if (ec != std::errc() || end != cursor.data() + cursor.size() || before < 1) {
        return Status::invalid_input("malformed list cursor (pass \"\" or a previous page's next_cursor)");
      }
    }
    std::lock_guard lock(mu_);
    CRM_ASSIGN_OR_RETURN(Statement st,
                         db_.prepare(select_jobs() + "WHERE tenant = ?1 AND seq < ?2 ORDER BY seq DESC LIMIT ?3"));
    st.bind(1, tenant);
    st.bind(2, before);
    st.bind(3, static_cast<int64_t>(limit) + 1);  // one more than asked: is there a next page?
    JobPage page;
    int64_t last_seq = 0;
    for (;;) {
      CRM_ASSIGN_OR_RETURN(bool row, db_.step(st));
      if (!row) break;
      if (page.jobs.size() == limit) {
        page.next_cursor = std::to_string(last_seq);
        break;
      }
      CRM_ASSIGN_OR_RETURN(JobRecord job, read_job(st));
      page.jobs.push_back(std::move(job));
      last_seq = sqlite3_column_int64(st.get(), kJobColumnCount);
    }
    return page;
  }

  Result<std::vector<JobRecord>> in_state(JobState state) override {
    std::lock_guard lock(mu_);
    CRM_ASSIGN_OR_RETURN(Statement st, db_.prepare(select_jobs() + "WHERE state = ?1 ORDER BY created_ms, seq"));
    st.bind(1, state);
    return all_jobs(st);
  }

  Status update(const JobRecord& job) override {
    static const std::string sql =
        "UPDATE jobs SET " + assignments(std::span(kJobColumns).subspan(1), 2) + " WHERE id = ?1";
    std::lock_guard lock(mu_);
    CRM_ASSIGN_OR_RETURN(Statement st, db_.prepare(sql));
    st.bind_job(kJobColumns, job, 1);
    return run_on_one_job(st, job.id);
  }

  Status update_progress(const JobRecord& job) override {
    static const std::string sql = "UPDATE jobs SET " + assignments(kProgressColumns, 2) + " WHERE id = ?1";
    std::lock_guard lock(mu_);
    CRM_ASSIGN_OR_RETURN(Statement st, db_.prepare(sql));
    st.bind(1, job.id);
    st.bind_job(kProgressColumns, job, 2);
    return run_on_one_job(st, job.id);
  }

  Result<std::optional<JobRecord>> claim_next(int64_t now) override {
    static const std::string sql =
        "UPDATE jobs SET state = ?1, started_ms = ?2, runs = runs + 1 "
        "WHERE seq = (SELECT seq FROM jobs WHERE state = ?3 ORDER BY created_ms, seq LIMIT 1) "
        "RETURNING " +
        column_names(kJobColumns) + ", seq";
    std::lock_guard lock(mu_);
    return write_transaction(db_, [&]() -> Result<std::optional<JobRecord>> {
      CRM_ASSIGN_OR_RETURN(Statement st, db_.prepare(sql));
      st.bind(1, JobState::kRunning);
      st.bind(2, now);
      st.bind(3, JobState::kQueued);
      return one_job(st);
    });
  }

  Status remove(const std::string& id) override {
    std::lock_guard lock(mu_);
    CRM_ASSIGN_OR_RETURN(Statement st, db_.prepare("DELETE FROM jobs WHERE id = ?1"));  // cascades to the attempts
    st.bind(1, id);
    return db_.run(st);
  }

  Result<std::vector<JobRecord>> finished_before(int64_t before_ms) override {
    std::string finals;
    int param = 2;
    for (JobState s : kAllJobStates) {
      if (is_final(s)) finals += (finals.empty() ? "?" : ", ?") + std::to_string(param++);
    }
    std::lock_guard lock(mu_);
    CRM_ASSIGN_OR_RETURN(Statement st, db_.prepare(select_jobs() + "WHERE finished_ms < ?1 AND state IN (" + finals +
                                                   ") ORDER BY finished_ms, seq"));
    st.bind(1, before_ms);
    param = 2;
    for (JobState s : kAllJobStates) {
      if (is_final(s)) st.bind(param++, s);
    }
    return all_jobs(st);
  }

  Result<std::map<JobState, uint64_t>> count_by_state() override {
    std::map<JobState, uint64_t> counts;
    for (JobState s : kAllJobStates) counts[s] = 0;
    std::lock_guard lock(mu_);
    CRM_ASSIGN_OR_RETURN(Statement st, db_.prepare("SELECT state, COUNT(*) FROM jobs GROUP BY state"));
    for (;;) {
      CRM_ASSIGN_OR_RETURN(bool row, db_.step(st));
      if (!row) break;
      JobState state = JobState::kQueued;
      if (!read_value(st.get(), 0, state)) return db_.error("a job has an unknown state");
      counts[state] = static_cast<uint64_t>(sqlite3_column_int64(st.get(), 1));
    }
    return counts;
  }

  Status set_phase_attempts(const std::string& id, const std::map<std::string, int>& attempts) override {
    std::lock_guard lock(mu_);
    return write_transaction(db_, [&]() -> Status {
      CRM_ASSIGN_OR_RETURN(Statement exists, db_.prepare("SELECT 1 FROM jobs WHERE id = ?1"));
      exists.bind(1, id);
      CRM_ASSIGN_OR_RETURN(bool found, db_.step(exists));
      if (!found) return db_.error("no job " + id);
      CRM_ASSIGN_OR_RETURN(Statement clear, db_.prepare("DELETE FROM job_phase_attempts WHERE job_id = ?1"));
      clear.bind(1, id);
      CRM_RETURN_IF_ERROR(db_.run(clear));
      for (const auto& [phase, count] : attempts) {
        CRM_ASSIGN_OR_RETURN(Statement insert, db_.prepare("INSERT INTO job_phase_attempts (job_id, phase, attempts) "
                                                           "VALUES (?1, ?2, ?3)"));
        insert.bind(1, id);
        insert.bind(2, phase);
        insert.bind(3, count);
        CRM_RETURN_IF_ERROR(db_.run(insert));
      }
      return Status::ok();
    });
  }

  Result<std::map<std::string, int>> phase_attempts(const std::string& id) override {
    std::lock_guard lock(mu_);
    CRM_ASSIGN_OR_RETURN(Statement st, db_.prepare("SELECT phase, attempts FROM job_phase_attempts WHERE job_id = ?1"));
    st.bind(1, id);
    std::map<std::string, int> attempts;
    for (;;) {
      CRM_ASSIGN_OR_RETURN(bool row, db_.step(st));
      if (!row) break;
      std::string phase;
      read_value(st.get(), 0, phase);
      attempts[phase] = sqlite3_column_int(st.get(), 1);
    }
    return attempts;
  }

 private:
  struct MigrationState {
    int64_t newest = 0;    // the highest version applied, 0 for a new file
    bool applied = false;  // whether the version asked about is among them
  };
  Result<MigrationState> migration_state(int version) {
    CRM_ASSIGN_OR_RETURN(Statement st, db_.prepare("SELECT COALESCE(MAX(version), 0), EXISTS (SELECT 1 FROM "
                                                   "schema_migrations WHERE version = ?1) FROM schema_migrations"));
    st.bind(1, version);
    CRM_RETURN_IF_ERROR(db_.run(st));
    return MigrationState{sqlite3_column_int64(st.get(), 0), sqlite3_column_int(st.get(), 1) != 0};
  }

  Result<JobRecord> read_job(Statement& st) {
    JobRecord job;
    for (int i = 0; i < kJobColumnCount; ++i) {
      if (!kJobColumns[i].read(st.get(), i, job)) {
        return db_.error("job " + job.id + " has an unreadable " + kJobColumns[i].name);
      }
    }
    return job;
  }

  Result<std::optional<JobRecord>> one_job(Statement& st) {
    CRM_ASSIGN_OR_RETURN(bool row, db_.step(st));
    if (!row) return std::optional<JobRecord>();
    CRM_ASSIGN_OR_RETURN(JobRecord job, read_job(st));
    return std::optional<JobRecord>(std::move(job));
  }

  Result<std::vector<JobRecord>> all_jobs(Statement& st) {
    std::vector<JobRecord> jobs;
    for (;;) {
      CRM_ASSIGN_OR_RETURN(bool row, db_.step(st));
      if (!row) break;
      CRM_ASSIGN_OR_RETURN(JobRecord job, read_job(st));
      jobs.push_back(std::move(job));
    }
    return jobs;
  }

  // Runs an UPDATE keyed by id; matching no row means the job is gone.
  Status run_on_one_job(Statement& st, const std::string& id) {
    CRM_RETURN_IF_ERROR(db_.run(st));
    if (db_.changes() == 0) return db_.error("no job " + id);
    return Status::ok();
  }

  // One connection for every thread: SQLite serializes writers anyway, and
  // the mutex also keeps sqlite3_errmsg() paired with the call that failed.
  std::mutex mu_;
  Db db_;
};

}  // namespace

Result<std::unique_ptr<JobStore>> open_sqlite_store(const std::string& path) {
  sqlite3* handle = nullptr;
  int rc =
      sqlite3_open_v2(path.c_str(), &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  auto store = std::make_unique<SqliteStore>(handle, path);  // closes the handle even when the open failed
  if (rc != SQLITE_OK) return store->db().last_error();
  CRM_RETURN_IF_ERROR(store->configure());
  CRM_RETURN_IF_ERROR(store->migrate());
  return std::unique_ptr<JobStore>(std::move(store));
}

int sqlite_store_schema_version() { return kSchemaVersion; }

}  // namespace crmerge::jobs
