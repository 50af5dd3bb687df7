#include "jobs/job_spec.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace crmerge::jobs {
namespace {

using merge::MergeMode;
using merge::OnMalformed;
using merge::Policy;

JobOptions parse_ok(const std::string& text) {
  Result<JobOptions> options = parse_job_options(text);
  EXPECT_TRUE(options.is_ok()) << text << ": " << options.status().to_string();
  return options.is_ok() ? *options : JobOptions{};
}

// The options `text` must be refused as invalid input with a message naming `field`.
void expect_refused(const std::string& text, const std::string& field) {
  Result<JobOptions> options = parse_job_options(text);
  ASSERT_FALSE(options.is_ok()) << text << " was accepted";
  EXPECT_EQ(options.status().code(), StatusCode::kInvalidInput) << text;
  EXPECT_NE(options.status().message().find(field), std::string::npos)
      << text << ": the message does not name " << field << ": " << options.status().message();
}

void expect_same_options(const JobOptions& a, const JobOptions& b) {
  EXPECT_EQ(a.mode, b.mode);
  EXPECT_EQ(a.policy, b.policy);
  EXPECT_EQ(a.region, b.region);
  EXPECT_EQ(a.mapping_json, b.mapping_json);
  EXPECT_EQ(a.gmail_canonical, b.gmail_canonical);
  EXPECT_EQ(a.provenance, b.provenance);
  EXPECT_EQ(a.meta, b.meta);
  EXPECT_EQ(a.bom, b.bom);
  EXPECT_EQ(a.delimiter, b.delimiter);
  EXPECT_EQ(a.on_malformed, b.on_malformed);
  EXPECT_EQ(a.labels, b.labels);
  EXPECT_EQ(a.webhook_url, b.webhook_url);
}

void expect_same_input(const JobInput& a, const JobInput& b) {
  EXPECT_EQ(a.label, b.label);
  EXPECT_EQ(a.name, b.name);
  EXPECT_EQ(a.path, b.path);
  EXPECT_EQ(a.bytes, b.bytes);
}

void expect_defaults(const JobOptions& o) {
  EXPECT_EQ(o.mode, MergeMode::kFill);
  EXPECT_EQ(o.policy, Policy::kPriority);
  EXPECT_EQ(o.region, "US");
  EXPECT_EQ(o.mapping_json, "");
  EXPECT_FALSE(o.gmail_canonical);
  EXPECT_FALSE(o.provenance);
  EXPECT_TRUE(o.meta);
  EXPECT_FALSE(o.bom);
  EXPECT_EQ(o.delimiter, 0);
  EXPECT_EQ(o.on_malformed, OnMalformed::kFail);
  EXPECT_TRUE(o.labels.empty());
  EXPECT_EQ(o.webhook_url, "");
}

JobSpec spec_with_vendors(const std::vector<std::string>& names) {
  JobSpec spec;
  spec.crm = {"", "crm.csv", "/data/uploads/x/crm.csv", 10, "", {}};
  for (const std::string& name : names) spec.enrich.push_back({"", name, "/data/uploads/x/" + name, 5, "", {}});
  return spec;
}

std::vector<std::string> labels_of(const JobSpec& spec) {
  std::vector<std::string> labels;
  for (const JobInput& v : spec.enrich) labels.push_back(v.label);
  return labels;
}

TEST(ParseJobOptions, EmptyTextAndEmptyObjectGiveTheDefaults) {
  expect_defaults(parse_ok(""));
  expect_defaults(parse_ok("{}"));
}

TEST(ParseJobOptions, ReadsEveryModeAndPolicy) {
  EXPECT_EQ(parse_ok(R"({"mode":"fill"})").mode, MergeMode::kFill);
  EXPECT_EQ(parse_ok(R"({"mode":"overwrite"})").mode, MergeMode::kOverwrite);
  EXPECT_EQ(parse_ok(R"({"mode":"append"})").mode, MergeMode::kAppend);
  EXPECT_EQ(parse_ok(R"({"policy":"priority"})").policy, Policy::kPriority);
  EXPECT_EQ(parse_ok(R"({"policy":"most-common"})").policy, Policy::kMostCommon);
  EXPECT_EQ(parse_ok(R"({"policy":"newest"})").policy, Policy::kNewest);
}

TEST(ParseJobOptions, ReadsEveryOtherField) {
  JobOptions o = parse_ok(R"({
    "mode": "overwrite", "policy": "newest", "region": "GB",
    "mapping": {"crm": {"E-Mail Address": "email", "Tel": "phone"}},
    "gmail_canonical": true, "provenance": true, "meta": false, "bom": true,
    "delimiter": ";", "on_malformed": "pass", "labels": ["apollo", "zoominfo"],
    "webhook_url": "https://hooks.example.com/crmerge?token=abc"
  })");
  EXPECT_EQ(o.mode, MergeMode::kOverwrite);
  EXPECT_EQ(o.policy, Policy::kNewest);
  EXPECT_EQ(o.region, "GB");
  EXPECT_EQ(nlohmann::json::parse(o.mapping_json),
            (nlohmann::json{{"crm", {{"E-Mail Address", "email"}, {"Tel", "phone"}}}}));
  EXPECT_TRUE(o.gmail_canonical);
  EXPECT_TRUE(o.provenance);
  EXPECT_FALSE(o.meta);
  EXPECT_TRUE(o.bom);
  EXPECT_EQ(o.delimiter, ';');
  EXPECT_EQ(o.on_malformed, OnMalformed::kPass);
  EXPECT_EQ(o.labels, (std::vector<std::string>{"apollo", "zoominfo"}));
  EXPECT_EQ(o.webhook_url, "https://hooks.example.com/crmerge?token=abc");
}

TEST(ParseJobOptions, ReadsEveryDelimiterIncludingTab) {
  EXPECT_EQ(parse_ok(R"({"delimiter":","})").delimiter, ',');
  EXPECT_EQ(parse_ok(R"({"delimiter":";"})").delimiter, ';');
  EXPECT_EQ(parse_ok(R"({"delimiter":"|"})").delimiter, '|');
  EXPECT_EQ(parse_ok(R"({"delimiter":"\t"})").delimiter, '\t');
}

TEST(ParseJobOptions, FalseBooleansAndFailAreReadToo) {
  JobOptions o = parse_ok(R"({"gmail_canonical":false,"provenance":false,"meta":true,"bom":false,
                             "on_malformed":"fail","webhook_url":"http://127.0.0.1:9/hook"})");
  EXPECT_FALSE(o.gmail_canonical);
  EXPECT_FALSE(o.provenance);
  EXPECT_TRUE(o.meta);
  EXPECT_FALSE(o.bom);
  EXPECT_EQ(o.on_malformed, OnMalformed::kFail);
  EXPECT_EQ(o.webhook_url, "http://127.0.0.1:9/hook");
}

TEST(ParseJobOptions, AWrongValueNamesItsField) {
  expect_refused(R"({"mode":"merge"})", "options.mode");
  expect_refused(R"({"mode":1})", "options.mode");
  expect_refused(R"({"policy":"oldest"})", "options.policy");
  expect_refused(R"({"policy":null})", "options.policy");
  expect_refused(R"({"region":"USA"})", "options.region");
  expect_refused(R"({"region":""})", "options.region");
  expect_refused(R"({"region":44})", "options.region");
  expect_refused(R"({"mapping":"email=E-Mail"})", "options.mapping");
  expect_refused(R"({"mapping":["email"]})", "options.mapping");
  // Issue 22: the roles are checked at submit, not when the job runs.
  expect_refused(R"({"mapping":{"crm":{"Email":"e-mail"}}})", "unknown role");
  expect_refused(R"({"mapping":{"E-Mail Address":"email"}})", "options.mapping");
  expect_refused(R"({"gmail_canonical":1})", "options.gmail_canonical");
  expect_refused(R"({"provenance":"true"})", "options.provenance");
  expect_refused(R"({"meta":"yes"})", "options.meta");
  expect_refused(R"({"bom":null})", "options.bom");
  expect_refused(R"({"delimiter":"x"})", "options.delimiter");
  expect_refused(R"({"delimiter":",;"})", "options.delimiter");
  expect_refused(R"({"delimiter":""})", "options.delimiter");
  expect_refused(R"({"delimiter":44})", "options.delimiter");
  expect_refused(R"({"on_malformed":"skip"})", "options.on_malformed");
  expect_refused(R"({"on_malformed":true})", "options.on_malformed");
  expect_refused(R"({"labels":"apollo"})", "options.labels");
  expect_refused(R"({"labels":["apollo",3]})", "options.labels");
  expect_refused(R"({"webhook_url":"ftp://x"})", "options.webhook_url");
  expect_refused(R"({"webhook_url":"hooks.example.com"})", "options.webhook_url");
  expect_refused(R"({"webhook_url":7})", "options.webhook_url");
  expect_refused(R"({"webhook_url":"http://x/)" + std::string(2100, 'a') + R"("})", "options.webhook_url");
}

// Regression: any two letters were taken ("gb", "ZZ"), so such a job was
// queued and failed later, in the merge's own check of the region.
TEST(ParseJobOptions, RefusesARegionTheMergeDoesNotKnow) {
  expect_refused(R"({"region": "gb"})", "options.region");
  expect_refused(R"({"region": "ZZ"})", "options.region");
  EXPECT_EQ(parse_ok(R"({"region": "GB"})").region, "GB");
}

TEST(ParseJobOptions, AnUnknownFieldIsNamed) {
  expect_refused(R"({"colour":"red"})", "\"colour\"");
  expect_refused(R"({"mode":"fill","Mode":"fill"})", "\"Mode\"");
}

TEST(ParseJobOptions, RefusesTextThatIsNotAJsonObject) {
  for (const char* text : {"not json", "{\"mode\":", "[]", R"(["mode","fill"])", "\"fill\"", "42", "null"}) {
    Result<JobOptions> options = parse_job_options(text);
    ASSERT_FALSE(options.is_ok()) << text << " was accepted";
    EXPECT_EQ(options.status().code(), StatusCode::kInvalidInput) << text;
  }
}

TEST(JobOptionsJson, ParsesBackToTheSameOptions) {
  JobOptions o;
  o.mode = MergeMode::kAppend;
  o.policy = Policy::kMostCommon;
  o.region = "DE";
  o.mapping_json = R"({"crm":{"Mail":"email"}})";
  o.gmail_canonical = true;
  o.provenance = true;
  o.meta = false;
  o.bom = true;
  o.delimiter = '\t';
  o.on_malformed = OnMalformed::kPass;
  o.labels = {"b", "a"};
  o.webhook_url = "http://127.0.0.1:8080/done?x=1&y=2";
  expect_same_options(parse_ok(job_options_json(o)), o);
}

TEST(JobOptionsJson, TheDefaultsParseBackToTheDefaults) {
  expect_defaults(parse_ok(job_options_json(JobOptions{})));
}

TEST(JobSpecJson, ParsesBackToTheSameSpec) {
  JobSpec spec;
  spec.crm = {"", "CRM export.csv", "/data/uploads/abc/crm.csv", 123456, "", {}};
  spec.enrich.push_back({"apollo", "apollo.csv", "/data/uploads/abc/enrich-0.csv", 42, "", {}});
  spec.enrich.push_back({"zoom_info", "Zoom Info.csv", "/srv/vendors/zoom.csv", 5000000000ULL, "", {}});
  spec.options.mode = MergeMode::kOverwrite;
  spec.options.labels = {"apollo", "zoom_info"};
  spec.options.mapping_json = R"({"crm":{"Tel":"phone"}})";
  spec.options.webhook_url = "https://example.com/h";

  Result<JobSpec> back = parse_job_spec(job_spec_json(spec));
  ASSERT_TRUE(back.is_ok()) << back.status().to_string();
  expect_same_input(back->crm, spec.crm);
  ASSERT_EQ(back->enrich.size(), 2u);
  expect_same_input(back->enrich[0], spec.enrich[0]);
  expect_same_input(back->enrich[1], spec.enrich[1]);
  expect_same_options(back->options, spec.options);
}

TEST(ParseJobSpec, RefusesASpecWithoutItsInputs) {
  for (const char* text : {"[]", "not json", R"({"enrich":[]})", R"({"crm":{"path":"a"}})",
                           R"({"crm":{"path":"a"},"enrich":{}})", R"({"crm":{"name":"a"},"enrich":[]})",
                           R"({"crm":{"path":"a"},"enrich":[{"name":"v"}]})"}) {
    Result<JobSpec> spec = parse_job_spec(text);
    EXPECT_FALSE(spec.is_ok()) << text << " was accepted";
    if (!spec.is_ok()) {
      EXPECT_EQ(spec.status().code(), StatusCode::kInvalidInput) << text;
    }
  }
}

TEST(ParseJobSpec, RefusesWrongOptionsInsideTheSpec) {
  Result<JobSpec> spec = parse_job_spec(R"({"crm":{"path":"a"},"enrich":[{"path":"b"}],"options":{"mode":"merge"}})");
  ASSERT_FALSE(spec.is_ok());
  EXPECT_NE(spec.status().message().find("options.mode"), std::string::npos) << spec.status().message();
}

TEST(AssignLabels, TakesLabelsFromTheFileNames) {
  JobSpec spec = spec_with_vendors({"apollo.csv", "my file.csv", "zoominfo.export.csv"});
  ASSERT_TRUE(assign_labels(spec).is_ok());
  EXPECT_EQ(labels_of(spec), (std::vector<std::string>{"apollo", "my_file", "zoominfo.export"}));
}

TEST(AssignLabels, UsesThePathWhenThereIsNoName) {
  JobSpec spec;
  spec.crm.path = "/in/crm.csv";
  spec.enrich.push_back({"", "", "/in/vendors/clearbit.csv", 0, "", {}});
  ASSERT_TRUE(assign_labels(spec).is_ok());
  EXPECT_EQ(labels_of(spec), (std::vector<std::string>{"clearbit"}));
}

TEST(AssignLabels, OptionsLabelsWinOverFileNamesInOrder) {
  JobSpec spec = spec_with_vendors({"apollo.csv", "zoominfo.csv"});
  spec.options.labels = {"second", "first"};
  ASSERT_TRUE(assign_labels(spec).is_ok());
  EXPECT_EQ(labels_of(spec), (std::vector<std::string>{"second", "first"}));
}

TEST(AssignLabels, RefusesACountOfLabelsThatDiffersFromTheVendors) {
  JobSpec spec = spec_with_vendors({"apollo.csv", "zoominfo.csv"});
  spec.options.labels = {"only_one"};
  Status status = assign_labels(spec);
  EXPECT_EQ(status.code(), StatusCode::kInvalidInput);
  EXPECT_NE(status.message().find("options.labels"), std::string::npos) << status.message();

  spec.options.labels = {"a", "b", "c"};
  EXPECT_EQ(assign_labels(spec).code(), StatusCode::kInvalidInput);
}

TEST(AssignLabels, RefusesDuplicateLabels) {
  JobSpec from_names = spec_with_vendors({"apollo.csv", "apollo.tsv"});
  Status status = assign_labels(from_names);
  EXPECT_EQ(status.code(), StatusCode::kInvalidInput);
  EXPECT_NE(status.message().find("\"apollo\""), std::string::npos) << status.message();

  JobSpec given = spec_with_vendors({"a.csv", "b.csv"});
  given.options.labels = {"same", "same"};
  EXPECT_EQ(assign_labels(given).code(), StatusCode::kInvalidInput);
}

TEST(AssignLabels, RefusesTheCrmLabel) {
  JobSpec given = spec_with_vendors({"a.csv"});
  given.options.labels = {"crm"};
  Status status = assign_labels(given);
  EXPECT_EQ(status.code(), StatusCode::kInvalidInput);
  EXPECT_NE(status.message().find("\"crm\""), std::string::npos) << status.message();

  JobSpec from_name = spec_with_vendors({"crm.csv"});
  EXPECT_EQ(assign_labels(from_name).code(), StatusCode::kInvalidInput);
}

// Regression: labels were compared case-sensitively, but the merge compares
// them folded: "CRM", or "Apollo" beside "apollo", were accepted and then failed.
TEST(AssignLabels, ComparesLabelsAsTheMergeDoesIgnoringCase) {
  JobSpec spec;
  spec.enrich = {JobInput{"", "a.csv", "/x/a.csv", 1, "", {}}, JobInput{"", "b.csv", "/x/b.csv", 1, "", {}}};
  spec.options.labels = {"Apollo", "apollo"};
  EXPECT_FALSE(assign_labels(spec).is_ok());
  spec.options.labels = {"CRM", "b"};
  EXPECT_FALSE(assign_labels(spec).is_ok());
  spec.options.labels = {"Apollo", "zoominfo"};
  EXPECT_TRUE(assign_labels(spec).is_ok());
}

TEST(AssignLabels, RefusesAnInvalidLabel) {
  for (const std::string& bad : {std::string("has space"), std::string("a/b"), std::string("é"), std::string(65, 'x')}) {
    JobSpec spec = spec_with_vendors({"a.csv"});
    spec.options.labels = {bad};
    Status status = assign_labels(spec);
    EXPECT_EQ(status.code(), StatusCode::kInvalidInput) << bad;
  }
  JobSpec empty_label = spec_with_vendors({"a.csv", "b.csv"});
  empty_label.options.labels = {"a", ""};
  // An empty given label falls back to the file name.
  ASSERT_TRUE(assign_labels(empty_label).is_ok());
  EXPECT_EQ(labels_of(empty_label), (std::vector<std::string>{"a", "b"}));
}

TEST(MergeOptionsFor, CopiesEveryOptionAndThePathsItIsGiven) {
  JobSpec spec;
  spec.crm = {"", "crm.csv", "/u/crm.csv", 1, "", {}};
  spec.enrich.push_back({"apollo", "apollo.csv", "/u/apollo.csv", 2, "", {}});
  spec.enrich.push_back({"zi", "zi.csv", "/u/zi.csv", 3, "", {}});
  JobOptions& o = spec.options;
  o.mode = MergeMode::kAppend;
  o.policy = Policy::kNewest;
  o.region = "FR";
  o.mapping_json = R"({"a":"email"})";
  o.gmail_canonical = true;
  o.provenance = true;
  o.meta = false;
  o.bom = true;
  o.delimiter = '|';
  o.on_malformed = OnMalformed::kPass;

  merge::MergeOptions m = merge_options_for(spec, "/w/id", "/r/id/result.csv", "/r/id/report.json",
                                            "/u/id/mapping.json", "768MB", 3);
  EXPECT_EQ(m.crm_path, "/u/crm.csv");
  ASSERT_EQ(m.vendors.size(), 2u);
  EXPECT_EQ(m.vendors[0].label, "apollo");
  EXPECT_EQ(m.vendors[0].path, "/u/apollo.csv");
  EXPECT_EQ(m.vendors[1].label, "zi");
  EXPECT_EQ(m.vendors[1].path, "/u/zi.csv");
  EXPECT_EQ(m.work_dir, "/w/id");
  EXPECT_EQ(m.out_path, "/r/id/result.csv");
  EXPECT_EQ(m.report_path, "/r/id/report.json");
  EXPECT_EQ(m.mapping_path, "/u/id/mapping.json");
  EXPECT_EQ(m.memory_limit, "768MB");
  EXPECT_EQ(m.threads, 3);
  EXPECT_TRUE(m.keep_work_dir);
  EXPECT_EQ(m.mode, MergeMode::kAppend);
  EXPECT_EQ(m.policy, Policy::kNewest);
  EXPECT_EQ(m.region, "FR");
  EXPECT_TRUE(m.gmail_canonical);
  EXPECT_TRUE(m.provenance);
  EXPECT_FALSE(m.meta);
  EXPECT_TRUE(m.bom);
  EXPECT_EQ(m.delimiter, '|');
  EXPECT_EQ(m.on_malformed, OnMalformed::kPass);
}

TEST(MergeOptionsFor, TheDefaultOptionsGiveTheMergeDefaults) {
  JobSpec spec = spec_with_vendors({"a.csv"});
  ASSERT_TRUE(assign_labels(spec).is_ok());
  merge::MergeOptions m = merge_options_for(spec, "/w", "/o.csv", "/r.json", "", "512MB", 0);
  merge::MergeOptions defaults;
  EXPECT_EQ(m.mode, defaults.mode);
  EXPECT_EQ(m.policy, defaults.policy);
  EXPECT_EQ(m.region, defaults.region);
  EXPECT_EQ(m.mapping_path, "");
  EXPECT_EQ(m.gmail_canonical, defaults.gmail_canonical);
  EXPECT_EQ(m.provenance, defaults.provenance);
  EXPECT_EQ(m.meta, defaults.meta);
  EXPECT_EQ(m.bom, defaults.bom);
  EXPECT_EQ(m.delimiter, defaults.delimiter);
  EXPECT_EQ(m.on_malformed, defaults.on_malformed);
  EXPECT_TRUE(m.keep_work_dir);
}

// Issue 22: the API spells --safe-csv as "safe_csv": false (the default),
// true or "new" (--safe-csv), "all" (--safe-csv=all).
TEST(ParseJobOptions, Issue22ReadsSafeCsvLevels) {
  EXPECT_EQ(parse_ok("{}").safe_csv, merge::SafeCsv::kOff);
  EXPECT_EQ(parse_ok(R"({"safe_csv":false})").safe_csv, merge::SafeCsv::kOff);
  EXPECT_EQ(parse_ok(R"({"safe_csv":true})").safe_csv, merge::SafeCsv::kNew);
  EXPECT_EQ(parse_ok(R"({"safe_csv":"new"})").safe_csv, merge::SafeCsv::kNew);
  EXPECT_EQ(parse_ok(R"({"safe_csv":"all"})").safe_csv, merge::SafeCsv::kAll);
}

TEST(ParseJobOptions, Issue22RefusesAWrongSafeCsv) {
  for (const char* text : {R"({"safe_csv":"yes"})", R"({"safe_csv":"ALL"})", R"({"safe_csv":"off"})",
                           R"({"safe_csv":""})", R"({"safe_csv":1})", R"({"safe_csv":null})",
                           R"({"safe_csv":["all"]})", R"({"safe_csv":{}})"})
    expect_refused(text, "options.safe_csv");
}

// Issue 22: the level is in the job's spec JSON, so a resumed job (which reads
// its spec again) writes the same bytes; off leaves the field out.
TEST(JobSpecJson, Issue22KeepsSafeCsvForAResumedJob) {
  for (merge::SafeCsv level : {merge::SafeCsv::kOff, merge::SafeCsv::kNew, merge::SafeCsv::kAll}) {
    JobSpec spec = spec_with_vendors({"a.csv"});
    spec.options.safe_csv = level;
    const std::string text = job_spec_json(spec);
    const nlohmann::json j = nlohmann::json::parse(text);
    if (level == merge::SafeCsv::kOff) EXPECT_FALSE(j["options"].contains("safe_csv")) << text;
    else EXPECT_EQ(j["options"]["safe_csv"], merge::safe_csv_name(level)) << text;
    Result<JobSpec> back = parse_job_spec(text);
    ASSERT_TRUE(back.is_ok()) << back.status().to_string();
    EXPECT_EQ(back->options.safe_csv, level);
    EXPECT_EQ(merge_options_for(*back, "/w", "/o.csv", "/r.json", "", "512MB", 0).safe_csv, level);
  }
}

TEST(JobOptionsFrom, Issue22CarriesSafeCsvFromTheCommandLine) {
  merge::MergeOptions m;
  m.safe_csv = merge::SafeCsv::kAll;
  Result<JobOptions> o = job_options_from(m);
  ASSERT_TRUE(o.is_ok()) << o.status().to_string();
  EXPECT_EQ(o->safe_csv, merge::SafeCsv::kAll);
  EXPECT_EQ(parse_ok(job_options_json(*o)).safe_csv, merge::SafeCsv::kAll);
}

}  // namespace
}  // namespace crmerge::jobs
