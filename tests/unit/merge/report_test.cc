// The match report's keys: only their hashes are stored, so the texts the report
// shows (the most shared weak keys) are derived again from the rows holding
// them; role mailboxes are counted by hash.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "base/cancel.h"
#include "merge/pipeline.h"
#include "support/test_env.h"

namespace crmerge::merge {
namespace {

using json = nlohmann::json;
using test::read_file;
using test::TempDir;
using test::write_file;

json run_with_report(TempDir& dir) {
  MergeOptions o;
  o.crm_path = dir.file("crm.csv");
  o.vendors = {{"apollo", dir.file("apollo.csv")}};
  o.out_path = dir.file("out.csv");
  o.report_path = dir.file("report.json");
  o.memory_limit = "256MB";
  NullProgress progress;
  CancelToken cancel;
  auto s = run_merge(o, progress, cancel);
  EXPECT_TRUE(s.is_ok()) << s.status().message();
  return json::parse(read_file(o.report_path));
}

TEST(Report, WeakKeysShowTheirTextsDerivedAgainFromTheirRows) {
  TempDir dir;
  // CRM: one phone on three people, written three ways; a team address on
  // three people (once quoted, once in capitals); info@ on two (both are role
  // mailboxes); a French number, which only libphonenumber reads (normalized
  // by SQL), on two.
  write_file(dir.file("crm.csv"),
             "id,first_name,last_name,email,phone\n"
             "1,Ann,Lee,info@acme.com,+1 415 555 0100\n"
             "2,Bob,Kay,INFO@acme.com,(415) 555-0100\n"
             "3,Cy,Roe,team@shared.org,415.555.0100\n"
             "4,Di,Fox,\"team@shared.org\",+33 1 42 68 53 00\n"
             "5,Ed,Ng,Team@Shared.org,+33 1 42 68 53 00\n"
             "6,Fay,Ott,solo@x.com,\n");
  write_file(dir.file("apollo.csv"),
             "email,first_name,last_name,city\n"
             "solo@x.com,Fay,Ott,Paris\n"
             "\"shared@v.com\",Gus,Hall,Rome\n"
             "shared@v.com,Hal,Ives,Oslo\n"
             "sales@v.com,Ian,Joy,Nice\n");
  json r = run_with_report(dir);
  ASSERT_TRUE(r.contains("weak_keys"));
  EXPECT_EQ(r["weak_keys"]["total"], 5);
  auto top = r["weak_keys"]["top"];
  ASSERT_EQ(top.size(), 5u) << top.dump();
  auto expect = [&](size_t i, const char* input, const char* kind, const char* value, int rows, int names) {
    SCOPED_TRACE(top[i].dump());
    EXPECT_EQ(top[i]["input"], input);
    EXPECT_EQ(top[i]["kind"], kind);
    EXPECT_EQ(top[i]["value"], value);
    EXPECT_EQ(top[i]["rows"], rows);
    EXPECT_EQ(top[i]["different_names"], names);
  };
  // By rows, then input, then kind.
  expect(0, "crm", "email", "team@shared.org", 3, 3);
  expect(1, "crm", "phone", "+14155550100", 3, 3);
  expect(2, "crm", "email", "info@acme.com", 2, 2);
  expect(3, "crm", "phone", "+33142685300", 2, 2);
  expect(4, "apollo", "email", "shared@v.com", 2, 2);

  EXPECT_EQ(r["role_mailboxes"]["crm"]["rows"], 5);
  EXPECT_EQ(r["role_mailboxes"]["crm"]["distinct"], 2);
  EXPECT_EQ(r["role_mailboxes"]["apollo"]["rows"], 1);
  EXPECT_EQ(r["role_mailboxes"]["apollo"]["distinct"], 1);
}

}  // namespace
}  // namespace crmerge::merge
