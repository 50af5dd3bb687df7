#include "cli/inspect_command.h"

#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>

#include "base/strings.h"
#include "cli/exit_codes.h"
#include "csv/dialect.h"
#include "merge/inspect.h"

namespace crmerge::cli {

struct InspectCommand {
  std::vector<std::string> files;
  size_t rows = 1000;
  bool json = false;
};

namespace {

// Cuts a sample value for a terminal: one line, at most 24 characters (UTF-8 safe).
std::string clip(std::string_view v) {
  std::string out;
  size_t chars = 0;
  for (size_t i = 0; i < v.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(v[i]);
    if ((c & 0xC0) != 0x80 && ++chars > 24) return out + "...";
    out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : v[i];
  }
  return out;
}

void print_text(const merge::FileProfile& p) {
  std::printf("%s\n  %s, %s-delimited%s, header on line %llu, %zu rows sampled\n", p.path.c_str(),
              csv::encoding_name(p.dialect.encoding), csv::delimiter_name(p.dialect.delimiter).c_str(),
              p.dialect.bom ? ", with a byte order mark" : "", static_cast<unsigned long long>(p.dialect.header_line),
              p.rows_sampled);
  size_t width = 6;
  for (const auto& c : p.columns) width = std::max(width, std::min<size_t>(c.name.size(), 32));
  std::printf("  %-*s  %-13s  %-10s  %-14s  %s\n", static_cast<int>(width), "column", "role", "confidence", "evidence",
              "samples");
  for (const auto& c : p.columns) {
    std::string samples;
    for (const auto& s : c.samples) samples += (samples.empty() ? "" : " | ") + clip(s);
    bool none = c.role.role == schema::Role::kNone;
    char conf[16];
    std::snprintf(conf, sizeof conf, "%.2f", c.role.confidence);
    std::printf("  %-*s  %-13s  %-10s  %-14s  %s\n", static_cast<int>(width), clip(c.name).c_str(),
                none ? "-" : schema::role_name(c.role.role), none ? "" : conf,
                none ? "" : schema::evidence_name(c.role.evidence), samples.c_str());
  }
}

nlohmann::ordered_json to_json(const merge::FileProfile& p) {
  nlohmann::ordered_json cols = nlohmann::ordered_json::array();
  for (const auto& c : p.columns)
    cols.push_back({{"name", c.name},
                    {"role", schema::role_name(c.role.role)},
                    {"confidence", c.role.confidence},
                    {"evidence", schema::evidence_name(c.role.evidence)},
                    {"samples", c.samples}});
  return {{"path", p.path},
          {"encoding", csv::encoding_name(p.dialect.encoding)},
          {"delimiter", std::string(1, p.dialect.delimiter)},
          {"bom", p.dialect.bom},
          {"header_line", p.dialect.header_line},
          {"rows_sampled", p.rows_sampled},
          {"columns", cols}};
}

}  // namespace

InspectCommand* add_inspect_command(CLI::App& app) {
  auto cmd = std::make_shared<InspectCommand>();
  auto* sub = app.add_subcommand("inspect", "Show what crmerge detects in CSV files: encoding, delimiter, column roles");
  sub->add_option("files", cmd->files, "CSV files (a CRM export or vendor files)")->required();
  sub->add_option("--rows", cmd->rows, "Rows to sample from each file")->default_str("1000")->check(CLI::PositiveNumber);
  sub->add_flag("--json", cmd->json, "Print JSON instead of a table");
  sub->footer("Roles can be corrected in a mapping file given to 'crmerge merge --map'.");
  static std::vector<std::shared_ptr<InspectCommand>> keep;
  keep.push_back(cmd);
  return cmd.get();
}

int run_inspect_command(const InspectCommand& cmd) {
  nlohmann::ordered_json all = nlohmann::ordered_json::array();
  int code = kExitOk;
  for (size_t i = 0; i < cmd.files.size(); ++i) {
    auto p = merge::inspect_file(cmd.files[i], cmd.rows);
    if (!p.is_ok()) {
      std::fprintf(stderr, "crmerge: error: %s\n", p.status().message().c_str());
      code = kExitFailed;
      continue;
    }
    if (cmd.json) {
      all.push_back(to_json(*p));
    } else {
      if (i) std::printf("\n");
      print_text(*p);
    }
  }
  if (cmd.json) std::printf("%s\n", all.dump(2).c_str());
  return code;
}

}  // namespace crmerge::cli
