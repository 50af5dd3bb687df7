// `crmerge merge` in process: DESIGN.md invariants 1-3 on the examples, on
// every csv-spectrum file, on generated data and on odd inputs; failures that
// name the file and line and leave nothing behind.
#include "merge/pipeline.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "base/files.h"
#include "base/folder_lock.h"
#include "base/strings.h"
#include "duck/database.h"
#include "duck/result.h"
#include "merge/job.h"
#include "merge/options.h"
#include "support/csv_gen.h"
#include "support/duck_csv.h"
#include "support/fidelity.h"
#include "support/read_csv.h"
#include "support/test_env.h"

namespace crmerge::merge {
namespace {

namespace fs = std::filesystem;
using test::read_file;
using test::TempDir;
using test::write_file;

const std::string kExamples = CRMERGE_SOURCE_DIR "/examples";

class Collect : public NullProgress {
 public:
  void note(std::string_view m) override { notes.emplace_back(m); }
  std::vector<std::string> notes;
};

Result<MergeSummary> merge(MergeOptions o, Collect* progress = nullptr) {
  Collect local;
  CancelToken cancel;
  return run_merge(o, progress ? *progress : local, cancel);
}

MergeOptions options(const std::string& crm, std::vector<VendorInput> vendors, const std::string& out) {
  MergeOptions o;
  o.crm_path = crm;
  o.vendors = std::move(vendors);
  o.out_path = out;
  o.memory_limit = "256MB";
  return o;
}

// Only the output file is left in its folder: no temporary files.
void expect_only_file(const std::string& dir, const std::string& name) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  EXPECT_EQ(names, std::vector<std::string>{name});
}

TEST(Pipeline, ExamplesKeepEveryCrmRecordByteForByte) {
  TempDir dir;
  auto o = options(kExamples + "/crm.csv",
                   {{"apollo", kExamples + "/apollo.csv"}, {"zoominfo", kExamples + "/zoominfo.csv"}},
                   dir.file("out.csv"));
  auto s = merge(o);
  ASSERT_TRUE(s.is_ok()) << s.status().message();
  EXPECT_EQ(test::check_fidelity(o.crm_path, o.out_path, -1, /*fill=*/true), "");
  EXPECT_EQ(s->inputs[0].rows, 15u);
  EXPECT_GT(s->matched_any, 0u);
  expect_only_file(dir.path(), "out.csv");
  EXPECT_FALSE(fs::exists(s->work_dir)) << "the job folder is deleted at the end";

  // DuckDB, reading both files on its own, agrees: same rows, same CRM values, in order.
  auto crm = test::read_csv_file(o.crm_path);
  auto out = test::read_csv_file(o.out_path);
  ASSERT_TRUE(crm.is_ok() && out.is_ok());
  duck::DatabaseOptions dbo;
  dbo.allowed_directories = {kExamples, dir.path()};
  auto db = duck::Database::open(dbo);
  ASSERT_TRUE(db.is_ok());
  auto crm_rows = test::duckdb_read_all(db->connection(), o.crm_path, crm->dialect, crm->header.size());
  auto out_rows = test::duckdb_read_all(db->connection(), o.out_path, out->dialect, out->header.size());
  ASSERT_EQ(crm_rows.size(), out_rows.size());
  for (size_t r = 0; r < crm_rows.size(); ++r)
    for (size_t c = 0; c < crm_rows[r].size(); ++c) {
      if (crm_rows[r][c].empty()) continue;  // fill mode may fill it
      ASSERT_EQ(crm_rows[r][c], out_rows[r][c]) << r << "," << c;
    }

  // In append mode not even an empty cell changes: every CRM record is a byte-exact prefix.
  o.mode = MergeMode::kAppend;
  ASSERT_TRUE(merge(o).is_ok());
  EXPECT_EQ(test::check_fidelity(o.crm_path, o.out_path), "");
}

TEST(Pipeline, EveryCsvSpectrumFileAsTheCrm) {
  TempDir dir;
  int files = 0;
  for (const auto& e : fs::directory_iterator(test::csv_spectrum_dir() + "/csvs")) {
    SCOPED_TRACE(e.path().string());
    auto o = options(e.path().string(), {{"apollo", kExamples + "/apollo.csv"}}, dir.file("out.csv"));
    o.mode = MergeMode::kAppend;
    auto s = merge(o);
    ASSERT_TRUE(s.is_ok()) << s.status().message();
    EXPECT_EQ(test::check_fidelity(o.crm_path, o.out_path), "");
    auto in = test::read_csv_file(o.crm_path);
    ASSERT_TRUE(in.is_ok());
    EXPECT_EQ(s->inputs[0].rows, in->rows.size());
    ++files;
  }
  EXPECT_GE(files, 12);
}

TEST(Pipeline, FillsOnlyEmptyCellsAndAppendsWhatTheCrmLacks) {
  TempDir dir;
  write_file(dir.file("crm.csv"), "id,Email,Job Title\n1, Ann@X.com,\n2,,Boss\n3,bob@y.com,Founder\n4,nobody@z.com,\n");
  write_file(dir.file("v.csv"), "email,title,city\nann@x.com,First,Paris\nANN@X.COM ,Second,Rome\nbob@y.com,\"Boss, big\",\n");
  auto o = options(dir.file("crm.csv"), {{"v", dir.file("v.csv")}}, dir.file("out.csv"));
  auto s = merge(o);
  ASSERT_TRUE(s.is_ok()) << s.status().message();
  EXPECT_EQ(read_file(o.out_path),
            "id,Email,Job Title,city,_match_status,_match_keys,_match_sources\n"
            "1, Ann@X.com,First,Paris,ambiguous,email,v\n"
            "2,,Boss,,unmatched,,\n"
            "3,bob@y.com,Founder,,matched,email,v\n"
            "4,nobody@z.com,,,unmatched,,\n");
  EXPECT_EQ(s->inputs[1].matched_rows, 2u);
  EXPECT_EQ(s->inputs[1].ambiguous, 1u) << "two vendor rows tie for row 1: the earlier wins, counted ambiguous";
  EXPECT_EQ(s->matched_any, 2u);
}

TEST(Pipeline, KeepsTheCrmDialectBomCrlfSemicolonAndQuoting) {
  TempDir dir;
  write_file(dir.file("crm.csv"), "\xEF\xBB\xBF\"Name\";\"E-Mail\"\r\n\"Zoë\";\"z@x.de\"\r\n\"Al\";\"\"\r\n");
  write_file(dir.file("v.csv"), "email,city\nz@x.de,\"Köln; Porz\"\n");
  auto o = options(dir.file("crm.csv"), {{"v", dir.file("v.csv")}}, dir.file("out.csv"));
  ASSERT_TRUE(merge(o).is_ok());
  EXPECT_EQ(read_file(o.out_path),
            "\xEF\xBB\xBF\"Name\";\"E-Mail\";\"city\";\"_match_status\";\"_match_keys\";\"_match_sources\"\r\n"
            "\"Zoë\";\"z@x.de\";\"Köln; Porz\";\"matched\";\"email\";\"v\"\r\n"
            "\"Al\";\"\";\"\";\"unmatched\";\"\";\"\"\r\n");
}

TEST(Pipeline, LinesAboveTheHeaderAndBlankLines) {
  TempDir dir;
  write_file(dir.file("crm.csv"), "HubSpot export\nAll contacts\nid,email,x\n1,a@b.co,\n\n2,c@d.eu,\n");
  write_file(dir.file("v.csv"), "email,employees\na@b.co,7\n");
  auto o = options(dir.file("crm.csv"), {{"v", dir.file("v.csv")}}, dir.file("out.csv"));
  Collect progress;
  auto s = merge(o, &progress);
  ASSERT_TRUE(s.is_ok()) << s.status().message();
  EXPECT_EQ(read_file(o.out_path),
            "id,email,x,employees,_match_status,_match_keys,_match_sources\n1,a@b.co,,7,matched,email,v\n\n"
            "2,c@d.eu,,,unmatched,,\n");
  EXPECT_EQ(s->inputs[0].lines_above_header, 2u);
  EXPECT_EQ(s->inputs[0].blank_lines, 1u);
  bool told = false;
  for (const auto& n : progress.notes) told = told || n.find("2 line(s) above the header") != std::string::npos;
  EXPECT_TRUE(told);
}

TEST(Pipeline, DecodesUtf16AndWindows1252Inputs) {
  TempDir dir;
  std::u16string crm16 = u"\uFEFFname,email\r\nZo\u00eb,z@x.com\r\n";
  std::string crm;
  for (char16_t u : crm16) {
    crm += static_cast<char>(u & 0xFF);
    crm += static_cast<char>(u >> 8);
  }
  write_file(dir.file("crm.csv"), crm);
  write_file(dir.file("v.csv"), "email;city\nz@x.com;M\xFCnchen \x80\n");  // Windows-1252
  auto o = options(dir.file("crm.csv"), {{"v", dir.file("v.csv")}}, dir.file("out.csv"));
  auto s = merge(o);
  ASSERT_TRUE(s.is_ok()) << s.status().message();
  EXPECT_EQ(read_file(o.out_path),
            "\xEF\xBB\xBFname,email,city,_match_status,_match_keys,_match_sources\r\n"
            "Zoë,z@x.com,München €,matched,email,v\r\n");
  EXPECT_EQ(s->inputs[0].encoding, "UTF-16LE");
  EXPECT_EQ(s->inputs[1].encoding, "Windows-1252");
}

// Invariant 3: the same inputs give the same bytes, whatever the threads and
// whether the job had to spill. The heavy sorting is the keys' and the links'
// external sort (merge/sorted_runs.h): at 128MB the keys of this data do not
// fit a worker's share of memory, so each worker writes many sorted runs into
// the job folder and the match merges them all; at 4GB each worker writes one
// (checked by counting the runs). This is also the low-memory regression test:
// a 250k-row merge once failed at 128MB every time, in the match's DuckDB
// aggregates (string-keyed DISTINCTs that could not spill).
TEST(Pipeline, SameBytesWhateverTheThreadsAndWhetherItSpills) {
  TempDir dir;
  test::write_merge_fixture(dir.path(), 17, 1000000, 2, 800000);
  struct Run {
    int threads;
    const char* memory;
    bool must_spill;
  };
  std::string first;
  int n = 0;
  for (Run run : {Run{1, "4GB", false}, Run{2, "4GB", false}, Run{4, "4GB", false}, Run{2, "128MB", true},
                  Run{4, "128MB", true}}) {
    auto o = options(dir.file("crm.csv"), {{"a", dir.file("vendor1.csv")}, {"b", dir.file("vendor2.csv")}},
                     dir.file("out.csv"));
    o.threads = run.threads;
    o.memory_limit = run.memory;
    o.work_dir = dir.file("work-" + std::to_string(n++));
    o.keep_work_dir = true;
    auto s = merge(o);
    ASSERT_TRUE(s.is_ok()) << s.status().message();
    std::string where = "threads=" + std::to_string(run.threads) + " memory=" + run.memory;
    const size_t runs = s->keys_runs;
    // The runs served the match alone: deleted once it is done.
    EXPECT_FALSE(fs::exists(o.work_dir + "/keys")) << where << ": the keys' runs were left in the job folder";
    // (one run per worker, at most `threads`, and one of the phones libphonenumber read, if any)
    if (run.must_spill) {
      EXPECT_GT(runs, static_cast<size_t>(run.threads) + 1) << where << ": the keys did not spill into runs";
    } else {
      EXPECT_LE(runs, static_cast<size_t>(run.threads) + 1) << where << ": the keys were cut into runs although they fit";
      EXPECT_GE(runs, 1u) << where << ": the summary does not say how many runs the keys were written in";
    }
    fs::remove_all(o.work_dir);
    EXPECT_GT(s->work_dir_peak_bytes, s->spill_peak_bytes) << where;
    std::string bytes = read_file(o.out_path);
    if (first.empty()) {
      first = std::move(bytes);
      EXPECT_EQ(test::check_fidelity(o.crm_path, o.out_path, -1, true), "");
      EXPECT_GT(s->matched_any, 400000u);
    } else {
      EXPECT_TRUE(bytes == first) << where << " changed the output";
    }
  }
}

// The keys phase reads pieces of each input and the export pieces of the CRM in
// parallel, cut at marks (every 16384 rows, so every 65536 rows too): the cuts fall between records that span
// lines, around blank lines, on CRLF, next to malformed lines passed through;
// phones only libphonenumber reads (numbered in file order across pieces) are
// shaped from their pieces; the bytes are the same as in one range.
TEST(Pipeline, RangesAndPiecesJoinToTheSameBytes) {
  TempDir dir;
  std::string crm = "id,Email,Note\r\n", vendor = "email,Title,Mobile Phone\n";
  for (int i = 0; i < 200000; ++i) {
    std::string id = std::to_string(i);
    if (i % 65536 == 65535 || i % 65536 == 0) crm += "\r\n";  // blank lines next to the cuts
    if (i % 3 == 0) crm += id + ",p" + id + "@x.com,\"line one\r\nline two, \"\"quoted\"\"\"\r\n";
    else if (i % 7 == 0) crm += id + ",,\r\n";
    else if (i == 131073) crm += id + ",too,many,fields\r\n";  // malformed, passed through
    else crm += id + ",P" + id + "@X.com ,plain\r\n";
    std::string phone = i % 10 == 0 ? "+33 1 42 68 " + std::to_string(10 + i % 90) + " 00; +1 212 200 1000"
                                    : "+1 212 200 " + std::to_string(1000 + i % 9000);
    if (i % 2 == 0) vendor += "p" + id + "@x.com,Title " + id + ",\"" + phone + "\"\n";
  }
  write_file(dir.file("crm.csv"), crm);
  write_file(dir.file("vendor.csv"), vendor);
  std::string first;
  for (int threads : {1, 2, 3}) {
    auto o = options(dir.file("crm.csv"), {{"v", dir.file("vendor.csv")}}, dir.file("out.csv"));
    o.threads = threads;
    o.on_malformed = OnMalformed::kPass;
    auto s = merge(o);
    ASSERT_TRUE(s.is_ok()) << s.status().message();
    EXPECT_EQ(s->inputs[0].rows, 200000u);
    std::string bytes = read_file(o.out_path);
    if (first.empty()) {
      first = std::move(bytes);
      EXPECT_GT(s->matched_any, 90000u);
      EXPECT_NE(first.find(",+33142681000,"), std::string::npos) << "a phone libphonenumber read";
    } else {
      EXPECT_TRUE(bytes == first) << "threads=" << threads << " changed the output";
    }
  }
  EXPECT_EQ(test::check_fidelity(dir.file("crm.csv"), dir.file("out.csv"), -1, true), "");
}

// The match sorts its keys and links in runs when they are many for the memory
// limit, reads the names of its pairs back in batches, and cuts its pass over
// the keys into a part per worker (merge/match.cc): the output and the audit must not
// depend on where the runs, batches and parts are cut, with pairs of every
// decision (ties, outranked, rejected) on both sides of each cut.
TEST(Pipeline, TheMatchCutIntoRangesDecidesTheSame) {
  TempDir dir;
  std::string crm = "id,First Name,Last Name,Email,Mobile\n";
  std::string vendor = "first_name,last_name,email,mobile_phone,title\n";
  for (int i = 0; i < 3000; ++i) {
    std::string id = std::to_string(i), phone = "+1 212 3" + std::to_string(10 + i % 90) + " " + std::to_string(1000 + i);
    crm += id + ",Ann" + id + ",Lee," + "a" + id + "@x.com," + phone + "\n";
    vendor += "Ann" + id + ",Lee,a" + id + "@x.com,,by email\n";                    // the match
    if (i % 3 == 0) vendor += "Ann" + id + ",Lee,," + phone + ",by phone\n";         // outranked
    if (i % 5 == 0) vendor += "Zed" + id + ",Lee,," + phone + ",other person\n";     // makes the phone weak
    if (i % 7 == 0) vendor += "Ann" + id + ",Lee,A" + id + "@X.com,,tie\n";          // tied with the match
    if (i % 11 == 0) vendor += "Bob" + id + ",Lee,a" + id + "@x.com,,recycled\n";    // rejected (first name)
  }
  write_file(dir.file("crm.csv"), crm);
  write_file(dir.file("vendor.csv"), vendor);
  std::string first_out, first_audit;
  // (pairs whose names are compared per batch, keys per sorted run of the keys
  // phase, threads: the match's pass over the keys is cut into a part per
  // worker, merged apart): the match merges many runs too (~16k keys: ~50 runs with 333).
  struct Cut {
    uint64_t per_batch, per_run;
    int threads;
  };
  const Cut cuts[] = {{0, 0, 1}, {0, 0, 0}, {1000, 0, 0}, {77, 0, 1}, {0, 5000, 0}, {0, 333, 1}, {77, 333, 0}};
  for (auto [per_batch, per_run, threads] : cuts) {
    auto o = options(dir.file("crm.csv"), {{"v", dir.file("vendor.csv")}}, dir.file("out.csv"));
    o.audit_path = dir.file("audit.csv");
    o.name_pairs_per_batch = per_batch;
    o.key_run_records = per_run;
    o.threads = threads;
    auto s = merge(o);
    ASSERT_TRUE(s.is_ok()) << s.status().message();
    std::string out = read_file(o.out_path), audit = read_file(o.audit_path);
    if (per_batch == 0 && per_run == 0 && threads == 1) {
      first_out = out;
      first_audit = audit;
      EXPECT_GT(s->matched_any, 2000u);
      for (const char* d : {",matched,", ",tie_lost,", ",outranked,", ",rejected,"})
        EXPECT_NE(audit.find(d), std::string::npos) << d;
    } else {
      EXPECT_TRUE(out == first_out) << per_batch << " pairs per batch, " << per_run << " keys per run, " << threads
                                    << " threads changed the output";
      EXPECT_TRUE(audit == first_audit) << per_batch << " pairs per batch, " << per_run << " keys per run, "
                                        << threads << " threads changed the audit";
    }
  }
}

// Each pair whose names are compared is compared with its own CRM row's names:
// here each CRM row's e-mail is on a row of each of two vendors under other
// names, two such pairs in a row for every CRM row; the second vendor's agree
// on every other row. (The name scorer
// reads a CRM row once for its pairs; it once took the first pair's vendor row
// for the CRM row of the second, and failed: "changed while the job ran".)
TEST(Pipeline, ComparesEveryPairOfACrmRowWithItsOwnNames) {
  TempDir dir;
  std::string crm = "id,First Name,Last Name,Email\n";
  std::string a = "first_name,last_name,email,title\n", b = "first_name,last_name,email,title,city\n";
  for (int i = 0; i < 300; ++i) {
    std::string id = std::to_string(i);
    crm += id + ",Ann" + id + ",Lee,a" + id + "@x.com\n";
    a += "Bob" + id + ",Lee,a" + id + "@x.com,Title\n";
    // On odd rows a first name the CRM's starts: no conflict, the match.
    b += (i % 2 ? "Ann" + id + "e" : "Bill" + id) + ",Lee,a" + id + "@x.com,Title,Paris\n";
  }
  write_file(dir.file("crm.csv"), crm);
  write_file(dir.file("a.csv"), a);
  write_file(dir.file("b.csv"), b);
  for (uint64_t per_batch : {0, 7}) {
    auto o = options(dir.file("crm.csv"), {{"a", dir.file("a.csv")}, {"b", dir.file("b.csv")}}, dir.file("out.csv"));
    o.audit_path = dir.file("audit.csv");
    o.name_pairs_per_batch = per_batch;
    auto s = merge(o);
    ASSERT_TRUE(s.is_ok()) << s.status().message();
    const std::string audit = read_file(o.audit_path);
    size_t rejected = 0;
    for (size_t at = audit.find(",rejected,"); at != std::string::npos; at = audit.find(",rejected,", at + 1)) ++rejected;
    EXPECT_EQ(rejected, 450u) << "Bob on every row, Bill on every other";
    EXPECT_EQ(s->matched_any, 150u) << "Ann...e of vendor b on every other row";
  }
}

// The export reads the resolved rows and phones in windows of CRM rows, one
// query each (merge/cursor.h; at 50M CRM rows ~50 per range at 512MB): the
// output and the audit must not depend on the window, with matched rows,
// unmatched ones and phones only libphonenumber reads on both sides of each
// cut, in one range (the audit) and in two.
TEST(Pipeline, TheExportReadInWindowsWritesTheSame) {
  TempDir dir;
  std::string crm = "id,First Name,Last Name,Email\n";
  std::string vendor = "first_name,last_name,email,mobile_phone,title\n";
  for (int i = 0; i < 3000; ++i) {
    std::string id = std::to_string(i);
    crm += id + ",Ann" + id + ",Lee,a" + id + "@x.com\n";
    if (i % 4 == 3) continue;  // unmatched
    std::string phone = i % 3 == 0 ? "+33 1 42 68 " + std::to_string(10 + i % 90) + " 00" : "+1 212 200 " + std::to_string(1000 + i);
    vendor += "Ann" + id + ",Lee,a" + id + "@x.com," + phone + ",Title " + id + "\n";
    if (i % 5 == 0) vendor += "Ann" + id + ",Lee,A" + id + "@X.com,,tie\n";  // tied with the match
  }
  write_file(dir.file("crm.csv"), crm);
  write_file(dir.file("vendor.csv"), vendor);
  for (bool with_audit : {true, false}) {
    std::string first_out, first_audit;
    for (uint64_t window : {0, 997, 13}) {
      auto o = options(dir.file("crm.csv"), {{"v", dir.file("vendor.csv")}}, dir.file("out.csv"));
      if (with_audit) o.audit_path = dir.file("audit.csv");
      o.threads = 2;
      o.export_rows_per_window = window;
      auto s = merge(o);
      ASSERT_TRUE(s.is_ok()) << s.status().message();
      std::string out = read_file(o.out_path), audit = with_audit ? read_file(o.audit_path) : "";
      if (window == 0) {
        first_out = out;
        first_audit = audit;
        EXPECT_EQ(s->matched_any, 2250u);
        EXPECT_NE(out.find(",+33142681000,"), std::string::npos) << "a phone libphonenumber read";
        EXPECT_NE(out.find("+12122003998"), std::string::npos) << "the last matched CRM row's phone";
        if (with_audit) {
          EXPECT_NE(audit.find(",tie_lost,"), std::string::npos);
        }
      } else {
        EXPECT_TRUE(out == first_out) << "windows of " << window << " CRM rows changed the output";
        EXPECT_TRUE(audit == first_audit) << "windows of " << window << " CRM rows changed the audit";
      }
    }
  }
}

// The export cuts the CRM into pieces at its marks, which its workers take in
// order and write into the output in order, a piece whose turn has not come
// holding up to a cap (merge/ordered_output.h): the output and the audit must
// not depend on the pieces, the workers or the cap, with blank lines and
// matched and unmatched rows on both sides of each cut.
TEST(Pipeline, TheExportCutIntoPiecesWritesTheSame) {
  TempDir dir;
  std::string crm = "id,First Name,Last Name,Email\n";
  std::string vendor = "first_name,last_name,email,mobile_phone,title\n";
  for (int i = 0; i < 2000; ++i) {
    std::string id = std::to_string(i);
    crm += id + ",Ann" + id + ",Lee,a" + id + "@x.com\n";
    if (i % 50 == 0) crm += "\n";  // a blank line: passed through where it is
    if (i % 4 == 3) continue;     // unmatched
    vendor += "Ann" + id + ",Lee,a" + id + "@x.com,+1 212 200 " + std::to_string(1000 + i) + ",Title " + id + "\n";
  }
  write_file(dir.file("crm.csv"), crm);
  write_file(dir.file("vendor.csv"), vendor);
  struct Cut {
    int threads;
    uint64_t mark_every, held;
  };
  const Cut cuts[] = {{1, 0, 0}, {2, 100, 0}, {2, 100, 1}, {4, 7, 300}, {2, 333, 5000}, {1, 7, 1}};
  for (bool with_audit : {false, true}) {
    std::string first_out, first_audit;
    for (const Cut& c : cuts) {
      auto o = options(dir.file("crm.csv"), {{"v", dir.file("vendor.csv")}}, dir.file("out.csv"));
      if (with_audit) o.audit_path = dir.file("audit.csv");
      o.threads = c.threads;
      o.mark_every_rows = c.mark_every;
      o.export_held_bytes = c.held;
      auto s = merge(o);
      ASSERT_TRUE(s.is_ok()) << s.status().message();
      EXPECT_EQ(s->matched_any, 1500u);
      std::string out = read_file(o.out_path), audit = with_audit ? read_file(o.audit_path) : "";
      if (first_out.empty()) {
        first_out = out;
        first_audit = audit;
        EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 1 + 2000 + 40);
        EXPECT_NE(out.find("\n1999,Ann1999,Lee,a1999@x.com,"), std::string::npos) << "the last row";
      } else {
        EXPECT_TRUE(out == first_out) << c.threads << " threads, a mark every " << c.mark_every << " rows, "
                                      << c.held << " bytes held changed the output";
        EXPECT_TRUE(audit == first_audit) << c.threads << " threads, a mark every " << c.mark_every << " rows, "
                                          << c.held << " bytes held changed the audit";
      }
    }
  }
}

TEST(Pipeline, ResumesFromItsJobFolderAndStartsOverWhenAnInputChanges) {
  TempDir dir;
  test::write_merge_fixture(dir.path(), 5, 2000, 1, 1500);
  auto o = options(dir.file("crm.csv"), {{"a", dir.file("vendor1.csv")}}, dir.file("out.csv"));
  o.work_dir = dir.file("job");
  o.keep_work_dir = true;
  auto first = merge(o);
  ASSERT_TRUE(first.is_ok()) << first.status().message();
  EXPECT_FALSE(first->resumed);
  std::string bytes = read_file(o.out_path);

  auto again = merge(o);
  ASSERT_TRUE(again.is_ok());
  EXPECT_TRUE(again->resumed);
  int resumed = 0;
  for (const auto& p : again->phases) resumed += p.resumed;
  EXPECT_EQ(resumed, 5) << "every phase but the export was kept";
  EXPECT_EQ(read_file(o.out_path), bytes);

  // Same size and a restored mtime would fool a size+mtime check: the content hash does not.
  std::string vendor = read_file(dir.file("vendor1.csv"));
  auto mtime = fs::last_write_time(dir.file("vendor1.csv"));
  vendor[vendor.find('@') - 1] ^= 1;
  write_file(dir.file("vendor1.csv"), vendor);
  fs::last_write_time(dir.file("vendor1.csv"), mtime);
  Collect progress;
  auto changed = merge(o, &progress);
  ASSERT_TRUE(changed.is_ok());
  EXPECT_FALSE(changed->resumed);
  ASSERT_FALSE(progress.notes.empty());
  EXPECT_NE(progress.notes[0].find("starting over"), std::string::npos);
}

// A setting of the DuckDB database a job with options `o` opens in `dir` ("" and
// a test failure if it cannot be read).
std::string job_database_setting(MergeOptions o, const std::string& dir, const std::string& name) {
  EXPECT_TRUE(validate_options(o).is_ok());
  NullProgress progress;
  CancelToken cancel;
  Job job(o, JobFolder{dir, false, nullptr}, progress, cancel);
  if (!job.open_database().is_ok()) {
    ADD_FAILURE() << "the job's database did not open";
    return "";
  }
  auto r = job.conn().query("SELECT current_setting('" + name + "')::VARCHAR");
  if (!r.is_ok()) {
    ADD_FAILURE() << r.status().message();
    return "";
  }
  auto v = duck::single_string(std::move(r).value());
  EXPECT_TRUE(v.is_ok());
  std::string value = v.is_ok() ? *v : "";
  job.close_database();
  return value;
}

// Regression: at 50M CRM rows the match's GROUP BY of (CRM row, vendor,
// vendor row) asked DuckDB 1.4.4 for a 128 MiB block at its start and failed
// under --memory-limit 512MB; without compressed materialization it spills and
// finishes (bench/RESULTS.md, "50M"). Too big for a test: the job's database
// must be opened without it.
TEST(Job, OpensItsDatabaseWithoutCompressedMaterialization) {
  TempDir dir;
  MergeOptions o = options(kExamples + "/crm.csv", {{"apollo", kExamples + "/apollo.csv"}}, dir.file("out.csv"));
  std::string v = job_database_setting(o, dir.path(), "disabled_optimizers");
  EXPECT_NE(v.find("compressed_materialization"), std::string::npos) << v;
}

// --memory-limit is the job's whole budget: DuckDB is given a quarter of it
// (it keeps what it reads cached up to its limit; given all of it, a 10M-row
// job peaked at 720 MB under 512MB; given 3/8, a 50M-row job 1.21x a 10M-row
// one, bench/RESULTS.md).
TEST(Job, GivesDuckDbAQuarterOfTheMemoryLimit) {
  TempDir dir;
  MergeOptions o = options(kExamples + "/crm.csv", {{"apollo", kExamples + "/apollo.csv"}}, dir.file("out.csv"));
  o.memory_limit = "512MB";
  ASSERT_TRUE(validate_options(o).is_ok());
  EXPECT_EQ(duckdb_memory_bytes(o), 128000000u);
  std::string v = job_database_setting(o, dir.path(), "memory_limit");
  const int64_t bytes = parse_byte_size(v);  // DuckDB says "122.0 MiB"
  EXPECT_GT(bytes, 127000000) << v;
  EXPECT_LT(bytes, 129000000) << v;
}

// A job folder another job holds is refused before anything in it is read or
// changed (a second crmerge given the folder of a running one used to delete it).
TEST(Pipeline, RefusesAJobFolderInUseAndLeavesItAsItIs) {
  TempDir dir;
  test::write_merge_fixture(dir.path(), 5, 200, 1, 150);
  auto o = options(dir.file("crm.csv"), {{"a", dir.file("vendor1.csv")}}, dir.file("out.csv"));
  o.work_dir = dir.file("job");
  o.keep_work_dir = true;
  ASSERT_TRUE(merge(o).is_ok());
  const std::string db = read_file(dir.file("job/job.duckdb"));
  fs::remove(dir.file("out.csv"));
  {
    auto held = FolderLock::try_lock(dir.file("job"));  // as the other job holds it
    ASSERT_TRUE(held.is_ok()) << held.status().message();
    o.keep_work_dir = false;  // would delete the folder at the end
    auto s = merge(o);
    ASSERT_FALSE(s.is_ok());
    EXPECT_NE(s.status().message().find("is in use by another crmerge process"), std::string::npos)
        << s.status().message();
    EXPECT_TRUE(read_file(dir.file("job/job.duckdb")) == db) << "the job folder in use was changed";
    EXPECT_FALSE(fs::exists(dir.file("out.csv")));
  }
  auto again = merge(o);  // the lock gone, the job resumes there
  ASSERT_TRUE(again.is_ok()) << again.status().message();
  EXPECT_TRUE(again->resumed);
  EXPECT_FALSE(fs::exists(dir.file("job"))) << "deleted at the end, as asked";
}

// A crmerge killed while it wrote the marker of a new job folder leaves the
// marker's temporary file alone in it: the next run takes the folder (it
// refused it as "not a crmerge job folder"; found by the kill -9 test under
// the sanitizers, whose slower start put the kill there).
TEST(Pipeline, TakesAWorkDirLeftWithAHalfWrittenMarker) {
  TempDir dir;
  test::write_merge_fixture(dir.path(), 5, 10, 1, 10);
  fs::create_directory(dir.file("job"));
  write_file(dir.file("job/.CRMERGE_JOB.4242.crmerge-tmp"), "This folder is a crm");
  auto o = options(dir.file("crm.csv"), {{"a", dir.file("vendor1.csv")}}, dir.file("out.csv"));
  o.work_dir = dir.file("job");
  o.keep_work_dir = true;
  auto s = merge(o);
  ASSERT_TRUE(s.is_ok()) << s.status().message();
  EXPECT_FALSE(fs::exists(dir.file("job/.CRMERGE_JOB.4242.crmerge-tmp")));
  EXPECT_TRUE(fs::exists(dir.file("job/CRMERGE_JOB")));
  // Anything else beside it is still not ours to delete.
  fs::create_directory(dir.file("other"));
  write_file(dir.file("other/.CRMERGE_JOB.1.crmerge-tmp"), "");
  write_file(dir.file("other/notes.txt"), "keep");
  o.work_dir = dir.file("other");
  auto refused = merge(o);
  ASSERT_FALSE(refused.is_ok());
  EXPECT_NE(refused.status().message().find("not a crmerge job folder"), std::string::npos);
  EXPECT_EQ(read_file(dir.file("other/notes.txt")), "keep");
  EXPECT_TRUE(fs::exists(dir.file("other/.CRMERGE_JOB.1.crmerge-tmp")));
}

TEST(Pipeline, RefusesAWorkDirThatIsNotAJobFolder) {
  TempDir dir;
  test::write_merge_fixture(dir.path(), 5, 10, 1, 10);
  fs::create_directory(dir.file("precious"));
  write_file(dir.file("precious/thesis.txt"), "do not delete");
  auto o = options(dir.file("crm.csv"), {{"a", dir.file("vendor1.csv")}}, dir.file("out.csv"));
  o.work_dir = dir.file("precious");
  auto s = merge(o);
  ASSERT_FALSE(s.is_ok());
  EXPECT_NE(s.status().message().find("not a crmerge job folder"), std::string::npos);
  EXPECT_EQ(read_file(dir.file("precious/thesis.txt")), "do not delete");
}

class Failures : public ::testing::Test {
 protected:
  Status run(const std::string& crm, const std::string& vendor, OnMalformed mode = OnMalformed::kFail) {
    write_file(dir.file("crm.csv"), crm);
    write_file(dir.file("v.csv"), vendor);
    auto o = options(dir.file("crm.csv"), {{"v", dir.file("v.csv")}}, dir.file("out/out.csv"));
    o.on_malformed = mode;
    fs::create_directories(dir.file("out"));
    auto s = merge(o);
    if (!s.is_ok()) {
      EXPECT_TRUE(fs::is_empty(dir.file("out"))) << "a failed job leaves no output";
    }
    return s.status();
  }
  TempDir dir;
};

TEST_F(Failures, EmptyCrmNamesTheFile) {
  Status s = run("", "email\na@b.c\n");
  ASSERT_FALSE(s.is_ok());
  EXPECT_NE(s.message().find("crm.csv"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("empty"), std::string::npos) << s.message();
}

TEST_F(Failures, MalformedCrmLineFailsWithItsLineNumber) {
  Status s = run("id,email\n1,a@b.c\n2,\"unclosed@x.y,3\n", "email\na@b.c\n");
  ASSERT_FALSE(s.is_ok());
  EXPECT_NE(s.message().find("crm.csv"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("line 3"), std::string::npos) << s.message();
  Status count = run("id,email\n1,a@b.c\n2,x,extra\n", "email\na@b.c\n");
  EXPECT_NE(count.message().find("line 3: expected 2 fields, found 3"), std::string::npos) << count.message();
}

TEST_F(Failures, MalformedCrmLinePassesThroughWhenAsked) {
  Status s = run("id,email\n1,a@b.co\n2,x,extra\n3,c@d.eu\n", "email,title\na@b.co,T\n", OnMalformed::kPass);
  ASSERT_TRUE(s.is_ok()) << s.message();
  EXPECT_EQ(read_file(dir.file("out/out.csv")),
            "id,email,title,_match_status,_match_keys,_match_sources\n1,a@b.co,T,matched,email,v\n2,x,extra\n"
            "3,c@d.eu,,unmatched,,\n");
}

TEST_F(Failures, VendorWithoutAnEmailColumnIsNamed) {
  Status s = run("id,email\n1,a@b.co\n", "name,company phone,city\nA,+1 212 200 1234,Paris\n");
  ASSERT_FALSE(s.is_ok());
  EXPECT_NE(s.message().find("v (") , std::string::npos) << s.message();
  EXPECT_NE(s.message().find("no column that holds e-mail addresses"), std::string::npos) << s.message();
}

TEST_F(Failures, HeaderOnlyCrmIsFine) {
  Status s = run("id,email\n", "email,title\na@b.co,T\n");
  ASSERT_TRUE(s.is_ok()) << s.message();
  EXPECT_EQ(read_file(dir.file("out/out.csv")), "id,email,title,_match_status,_match_keys,_match_sources\n");
}

TEST_F(Failures, MixedUtf8AndLatin1IsRefusedWithTheLine) {
  Status s = run("id,name\n1,Zoë\n2,Caf\xE9\n", "email\na@b.c\n");
  ASSERT_FALSE(s.is_ok());
  EXPECT_NE(s.message().find("line 3"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("UTF-8"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace crmerge::merge
