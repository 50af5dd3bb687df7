// bench-duckrun: runs one SQL script against an in-memory DuckDB, through the C API
// only (no crmerge code), and reports how long it took. Used by bench/perf.sh for the
// I/O floor and the naive SQL (see bench/README.md, "Performance harness").
//
//   bench-duckrun [--threads N] [--memory-limit X] [--temp-dir D] [--timeout S] SCRIPT.sql
//
// Statements run one after another, in the working directory (relative paths in the
// script are relative to it). Each statement's time goes to stderr; the first rows of
// any statement that returns some go to stdout. The last stdout line is
// "wall: <seconds> s", or "did not finish in <S> s" when --timeout cancelled the script
// (duckdb_interrupt from a watchdog thread).
// Exit code: 0 done, 1 a statement failed (its error on stderr), 2 bad usage or an
// unreadable script, 3 did not finish within --timeout.
#include <duckdb.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

int usage(const char* msg) {
  std::fprintf(stderr, "bench-duckrun: %s\n", msg);
  std::fprintf(stderr,
               "usage: bench-duckrun [--threads N] [--memory-limit X] [--temp-dir D] [--timeout S] SCRIPT.sql\n");
  return 2;
}

bool set_config(duckdb_config config, const char* name, const std::string& value) {
  if (duckdb_set_config(config, name, value.c_str()) == DuckDBError) {
    std::fprintf(stderr, "bench-duckrun: bad value for %s: %s\n", name, value.c_str());
    return false;
  }
  return true;
}

// Cancels the running query once the deadline passes, and keeps cancelling (every
// 50 ms) until the main thread stops it, so that an interrupt that lands between two
// statements is not lost.
class Watchdog {
 public:
  Watchdog(duckdb_connection conn, double timeout_s) : conn_(conn) {
    if (timeout_s <= 0) return;
    auto deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(timeout_s));
    thread_ = std::thread([this, deadline] {
      std::unique_lock<std::mutex> lock(mu_);
      if (cv_.wait_until(lock, deadline, [this] { return stop_; })) return;
      fired_ = true;
      while (!stop_) {
        duckdb_interrupt(conn_);
        cv_.wait_for(lock, std::chrono::milliseconds(50), [this] { return stop_; });
      }
    });
  }
  ~Watchdog() { stop(); }
  void stop() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
  }
  bool fired() const { return fired_; }

 private:
  duckdb_connection conn_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::atomic<bool> fired_{false};
  std::thread thread_;
};

void print_rows(duckdb_result* result) {
  idx_t cols = duckdb_column_count(result);
  idx_t rows = duckdb_row_count(result);
  if (cols == 0 || rows == 0) return;
  for (idx_t c = 0; c < cols; c++) std::printf("%s%s", c ? "\t" : "", duckdb_column_name(result, c));
  std::printf("\n");
  const idx_t shown = rows < 20 ? rows : 20;
  for (idx_t r = 0; r < shown; r++) {
    for (idx_t c = 0; c < cols; c++) {
      char* v = duckdb_value_varchar(result, c, r);
      std::printf("%s%s", c ? "\t" : "", v ? v : "NULL");
      if (v) duckdb_free(v);
    }
    std::printf("\n");
  }
  if (shown < rows) std::printf("(%llu more rows)\n", static_cast<unsigned long long>(rows - shown));
}

}  // namespace

int main(int argc, char** argv) {
  std::string threads, memory_limit, temp_dir, script_path;
  double timeout_s = 0;
  for (int i = 1; i < argc; i++) {
    std::string a = argv[i];
    auto value = [&](std::string& out) {
      if (i + 1 >= argc) return false;
      out = argv[++i];
      return true;
    };
    if (a == "--threads") {
      if (!value(threads)) return usage("--threads needs a value");
    } else if (a == "--memory-limit") {
      if (!value(memory_limit)) return usage("--memory-limit needs a value");
    } else if (a == "--temp-dir") {
      if (!value(temp_dir)) return usage("--temp-dir needs a value");
    } else if (a == "--timeout") {
      std::string s;
      if (!value(s)) return usage("--timeout needs a value");
      char* end = nullptr;
      timeout_s = std::strtod(s.c_str(), &end);
      if (end == s.c_str() || *end != '\0' || timeout_s < 0) return usage("--timeout needs a number of seconds");
    } else if (a == "-h" || a == "--help") {
      usage("runs one SQL script against an in-memory DuckDB");
      return 0;
    } else if (!a.empty() && a[0] == '-') {
      return usage(("unknown option " + a).c_str());
    } else if (script_path.empty()) {
      script_path = a;
    } else {
      return usage("one script only");
    }
  }
  if (script_path.empty()) return usage("no script given");
  std::ifstream in(script_path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "bench-duckrun: cannot read %s\n", script_path.c_str());
    return 2;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string sql = ss.str();

  duckdb_config config;
  if (duckdb_create_config(&config) == DuckDBError) {
    std::fprintf(stderr, "bench-duckrun: cannot create a DuckDB config\n");
    return 1;
  }
  bool ok = set_config(config, "autoinstall_known_extensions", "false") &&
            set_config(config, "autoload_known_extensions", "false");
  if (ok && !threads.empty()) ok = set_config(config, "threads", threads);
  if (ok && !memory_limit.empty()) ok = set_config(config, "memory_limit", memory_limit);
  if (ok && !temp_dir.empty()) ok = set_config(config, "temp_directory", temp_dir);
  if (!ok) {
    duckdb_destroy_config(&config);
    return 2;
  }
  duckdb_database db;
  char* open_error = nullptr;
  if (duckdb_open_ext(nullptr, &db, config, &open_error) == DuckDBError) {
    std::fprintf(stderr, "bench-duckrun: cannot open DuckDB: %s\n", open_error ? open_error : "?");
    if (open_error) duckdb_free(open_error);
    duckdb_destroy_config(&config);
    return 2;
  }
  duckdb_destroy_config(&config);
  duckdb_connection conn;
  if (duckdb_connect(db, &conn) == DuckDBError) {
    std::fprintf(stderr, "bench-duckrun: cannot connect\n");
    duckdb_close(&db);
    return 1;
  }
  // A client setting: not accepted in the open config, so set on the connection.
  if (duckdb_query(conn, "SET enable_progress_bar = false", nullptr) == DuckDBError) {
    std::fprintf(stderr, "bench-duckrun: cannot SET enable_progress_bar = false\n");
    duckdb_disconnect(&conn);
    duckdb_close(&db);
    return 1;
  }

  int rc = 0;
  const auto start = Clock::now();
  duckdb_extracted_statements stmts = nullptr;
  idx_t n = duckdb_extract_statements(conn, sql.c_str(), &stmts);
  if (n == 0) {
    const char* err = stmts ? duckdb_extract_statements_error(stmts) : nullptr;
    std::fprintf(stderr, "bench-duckrun: %s: %s\n", script_path.c_str(), err ? err : "no statements");
    rc = 2;
  }
  {
    Watchdog watchdog(conn, timeout_s);
    for (idx_t i = 0; i < n && rc == 0; i++) {
      if (watchdog.fired()) break;
      const auto t0 = Clock::now();
      duckdb_prepared_statement prepared = nullptr;
      duckdb_result result;
      bool failed = false;
      std::string error;
      if (duckdb_prepare_extracted_statement(conn, stmts, i, &prepared) == DuckDBError) {
        failed = true;
        const char* e = duckdb_prepare_error(prepared);
        error = e ? e : "prepare failed";
      } else if (duckdb_execute_prepared(prepared, &result) == DuckDBError) {
        failed = true;
        const char* e = duckdb_result_error(&result);
        error = e ? e : "execution failed";
        duckdb_destroy_result(&result);
      } else {
        print_rows(&result);
        duckdb_destroy_result(&result);
      }
      duckdb_destroy_prepare(&prepared);
      if (watchdog.fired()) break;
      if (failed) {
        std::fprintf(stderr, "bench-duckrun: statement %llu of %llu failed: %s\n",
                     static_cast<unsigned long long>(i + 1), static_cast<unsigned long long>(n), error.c_str());
        rc = 1;
        break;
      }
      std::fprintf(stderr, "bench-duckrun: statement %llu of %llu done in %.3f s\n",
                   static_cast<unsigned long long>(i + 1), static_cast<unsigned long long>(n), seconds_since(t0));
    }
    watchdog.stop();
    if (watchdog.fired()) rc = 3;
  }
  const double wall = seconds_since(start);
  if (stmts) duckdb_destroy_extracted(&stmts);
  duckdb_disconnect(&conn);
  duckdb_close(&db);

  if (rc == 3) {
    std::printf("did not finish in %g s\n", timeout_s);
    std::fprintf(stderr, "bench-duckrun: did not finish in %g s\n", timeout_s);
  } else if (rc == 0) {
    std::printf("wall: %.3f s\n", wall);
  }
  std::fflush(stdout);
  return rc;
}
