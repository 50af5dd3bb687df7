#include "duck/database.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <thread>

#include "duck/connection.h"
#include "duck/quote.h"
#include "duck/result.h"
#include "support/test_env.h"

namespace crmerge::duck {
namespace {

using test::TempDir;

std::string setting(Connection& c, const std::string& name) {
  auto r = c.query("SELECT current_setting(" + *quote_literal(name) + ")::VARCHAR");
  EXPECT_TRUE(r.is_ok()) << r.status().message();
  auto v = single_string(std::move(r).value());
  return v.is_ok() ? *v : "";
}

TEST(Database, InMemoryOpens) {
  auto db = Database::open({});
  ASSERT_TRUE(db.is_ok()) << db.status().message();
  auto n = single_int64(*db->connection().query("SELECT 41 + 1"));
  ASSERT_TRUE(n.is_ok());
  EXPECT_EQ(*n, 42);
}

TEST(Database, FileDatabaseWithLimitsAndSpillFolder) {
  TempDir dir;
  DatabaseOptions o;
  o.path = dir.file("job.duckdb");
  o.memory_limit = "300MB";
  o.threads = 2;
  o.temp_directory = dir.file("spill");
  auto db = Database::open(o);
  ASSERT_TRUE(db.is_ok()) << db.status().message();
  auto& c = db->connection();
  EXPECT_EQ(setting(c, "threads"), "2");
  EXPECT_NE(setting(c, "memory_limit").find("MiB"), std::string::npos);
  EXPECT_EQ(setting(c, "temp_directory"), dir.file("spill"));
  ASSERT_TRUE(c.execute("CREATE TABLE t AS SELECT 1 AS x").is_ok());
  EXPECT_TRUE(std::filesystem::exists(dir.file("job.duckdb")));
}

// Bytes in files under `dir` (0 when it does not exist).
uint64_t folder_bytes(const std::string& dir) {
  std::error_code ec;
  uint64_t total = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir, ec))
    if (e.is_regular_file(ec)) total += e.file_size(ec);
  return total;
}

TEST(Database, SpillsToItsTempDirectoryUnderTheMemoryLimit) {
  TempDir dir;
  DatabaseOptions o;
  o.path = dir.file("job.duckdb");
  o.memory_limit = "100MB";
  o.threads = 2;
  o.temp_directory = dir.file("spill");
  auto db = Database::open(o);
  ASSERT_TRUE(db.is_ok());
  auto& c = db->connection();
  ASSERT_TRUE(c.execute("CREATE TABLE big AS SELECT range AS k, repeat('x', 100) || range::VARCHAR AS v "
                        "FROM range(4000000)")
                  .is_ok());
  // ~400 MB to sort against a 100 MB limit: it can only finish by spilling.
  std::atomic<bool> done{false};
  std::atomic<uint64_t> most{0};
  std::thread watcher([&] {
    while (!done) {
      most = std::max<uint64_t>(most, folder_bytes(dir.file("spill")));
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  });
  Status s = c.execute("CREATE TABLE sorted AS SELECT v FROM big ORDER BY v DESC, k");
  done = true;
  watcher.join();
  ASSERT_TRUE(s.is_ok()) << s.message();
  EXPECT_EQ(*single_int64(*c.query("SELECT count(*) FROM sorted")), 4000000);
  EXPECT_GT(most.load(), 0u) << "the temp directory was never used";
}

TEST(Database, ExternalAccessIsLimitedToAllowedFolders) {
  TempDir allowed, other;
  test::write_file(allowed.file("ok.csv"), "a\n1\n");
  test::write_file(other.file("secret.csv"), "a\n1\n");
  DatabaseOptions o;
  o.allowed_directories = {allowed.path()};
  auto db = Database::open(o);
  ASSERT_TRUE(db.is_ok());
  auto& c = db->connection();
  auto read = [&](const std::string& path) {
    return c.execute("SELECT * FROM read_csv(" + *quote_literal(path) + ")");
  };
  EXPECT_TRUE(read(allowed.file("ok.csv")).is_ok());
  EXPECT_FALSE(read(other.file("secret.csv")).is_ok());
  EXPECT_FALSE(read("/etc/passwd").is_ok());
  EXPECT_FALSE(read("s3://bucket/file.csv").is_ok());
  EXPECT_FALSE(read("https://example.com/file.csv").is_ok());
  EXPECT_FALSE(c.execute("COPY (SELECT 1) TO " + *quote_literal(other.file("out.csv"))).is_ok());
  EXPECT_FALSE(c.execute("ATTACH " + *quote_literal(other.file("x.duckdb"))).is_ok());
}

TEST(Database, ExtensionsAreNeitherInstalledNorLoaded) {
  auto db = Database::open({});
  ASSERT_TRUE(db.is_ok());
  auto& c = db->connection();
  EXPECT_FALSE(c.execute("INSTALL httpfs").is_ok());
  EXPECT_FALSE(c.execute("LOAD httpfs").is_ok());
  EXPECT_EQ(setting(c, "autoinstall_known_extensions"), "false");
  EXPECT_EQ(setting(c, "autoload_known_extensions"), "false");
}

TEST(Database, ConfigurationIsLocked) {
  DatabaseOptions o;
  o.memory_limit = "256MB";
  auto db = Database::open(o);
  ASSERT_TRUE(db.is_ok());
  auto& c = db->connection();
  EXPECT_FALSE(c.execute("SET memory_limit = '10GB'").is_ok());
  EXPECT_FALSE(c.execute("SET enable_external_access = true").is_ok());
  EXPECT_FALSE(c.execute("SET allowed_directories = ['/']").is_ok());
  EXPECT_FALSE(c.execute("SET lock_configuration = false").is_ok());
  EXPECT_FALSE(c.execute("SET autoinstall_known_extensions = true").is_ok());
}

// The plan of a GROUP BY on narrow integers: DuckDB's compressed
// materialization wraps the keys in __internal_compress_* calls, unless left out.
std::string group_by_plan(const DatabaseOptions& o) {
  auto db = Database::open(o);
  EXPECT_TRUE(db.is_ok()) << db.status().message();
  if (!db.is_ok()) return "";
  auto& c = db->connection();
  EXPECT_TRUE(c.execute("CREATE TABLE t AS SELECT i AS a, i % 3 AS b FROM range(100000) AS r(i)").is_ok());
  auto r = c.query("EXPLAIN SELECT a, b, count(*) FROM t GROUP BY a, b");
  EXPECT_TRUE(r.is_ok()) << r.status().message();
  std::string plan;
  DataChunk chunk;
  while (r.is_ok() && *r->next(chunk))
    for (size_t row = 0; row < chunk.size(); ++row) plan += std::string(chunk.varchar(1, row)) + "\n";
  return plan;
}

TEST(Database, LeavesOutTheOptimizersItIsTold) {
  DatabaseOptions o;
  EXPECT_NE(group_by_plan(o).find("__internal_compress"), std::string::npos) << "DuckDB compresses the keys by default";
  o.disabled_optimizers = {"compressed_materialization"};
  EXPECT_EQ(group_by_plan(o).find("__internal_compress"), std::string::npos);
  auto db = Database::open(o);
  ASSERT_TRUE(db.is_ok());
  EXPECT_EQ(setting(db->connection(), "disabled_optimizers"), "compressed_materialization");
}

TEST(Database, BadSettingsAreRefused) {
  DatabaseOptions o;
  o.memory_limit = "lots";
  EXPECT_FALSE(Database::open(o).is_ok());
}

TEST(Database, ReportsItsVersion) { EXPECT_EQ(library_version(), "v1.4.4"); }

}  // namespace
}  // namespace crmerge::duck
