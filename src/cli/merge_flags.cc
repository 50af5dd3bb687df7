#include "cli/merge_flags.h"

namespace crmerge::cli {

void add_merge_flags(CLI::App* sub, MergeFlags& f) {
  auto& o = f.options;
  sub->add_option("--crm", o.crm_path, "The CRM export (CSV)")->required();
  sub->add_option("--enrich", f.enrich,
                  "A vendor file, as FILE or LABEL=FILE (label: the file's name by default); repeat for each "
                  "vendor, in priority order")
      ->required()
      ->allow_extra_args(false);
  sub->add_option("--on-malformed", f.on_malformed,
                  "A malformed CRM line: fail the job (naming the line), or pass it through unchanged")
      ->default_str("fail")
      ->check(CLI::IsMember({"fail", "pass"}));
  sub->add_option("--mode", f.mode,
                  "fill: only empty CRM cells are filled, nothing non-empty changes; overwrite: vendor values replace "
                  "CRM values; append: CRM columns untouched, every enriched field in a new column")
      ->default_str("fill")
      ->check(CLI::IsMember({"fill", "overwrite", "append"}));
  sub->add_option("--policy", f.policy,
                  "When vendors disagree: priority (the first vendor given wins), most-common, or newest (by each "
                  "vendor's updated_at column)")
      ->default_str("priority")
      ->check(CLI::IsMember({"priority", "most-common", "newest"}));
  sub->add_option("--region", o.region, "Default region of phone numbers without a country code (US, GB, DE ...)")
      ->default_str("US");
  sub->add_option("--map", o.mapping_path,
                  "A JSON file of column roles that overrides detection, e.g. {\"crm\": {\"Phone\": \"mobile_phone\"}} "
                  "(see 'crmerge inspect' and the report's \"mapping\")");
  sub->add_flag("--gmail-canonical", o.gmail_canonical, "Match Gmail addresses ignoring dots and +tags");
  sub->add_flag("--provenance", o.provenance, "Add a <field>_source column naming the vendor of each enriched value");
  sub->add_flag("--no-meta", f.no_meta, "Leave out the _match_status, _match_keys and _match_sources columns");
  sub->add_flag("--bom", o.bom, "Start the output with a UTF-8 byte order mark (Excel), even if the CRM had none");
  sub->add_option("--delimiter", f.delimiter, "Output delimiter: , ; | or tab (default: the CRM's)")
      ->check(CLI::IsMember({",", ";", "|", "tab", "\t"}));
  sub->add_flag("--safe-csv{new}", f.safe_csv,
                "Neutralize cells a spreadsheet would run as a formula (=, @, tab, CR, or + and - that are not a "
                "number or a phone) with a leading ' (quoted). --safe-csv (=new): the cells crmerge writes and the "
                "audit's; --safe-csv=all: the CRM's own cells too (their records are rewritten)")
      ->check(CLI::IsMember({"new", "all"}));
}

merge::MergeOptions merge_options_from(const MergeFlags& f) {
  merge::MergeOptions options = f.options;
  for (const auto& arg : f.enrich) options.vendors.push_back(merge::parse_vendor_argument(arg));
  options.on_malformed = f.on_malformed == "pass" ? merge::OnMalformed::kPass : merge::OnMalformed::kFail;
  options.mode = f.mode == "overwrite" ? merge::MergeMode::kOverwrite
                 : f.mode == "append"  ? merge::MergeMode::kAppend
                                       : merge::MergeMode::kFill;
  options.policy = f.policy == "most-common" ? merge::Policy::kMostCommon
                   : f.policy == "newest"    ? merge::Policy::kNewest
                                             : merge::Policy::kPriority;
  options.meta = !f.no_meta;
  options.safe_csv = f.safe_csv == "all"   ? merge::SafeCsv::kAll
                     : f.safe_csv == "new" ? merge::SafeCsv::kNew
                                           : merge::SafeCsv::kOff;
  if (!f.delimiter.empty()) options.delimiter = (f.delimiter == "tab" || f.delimiter == "\t") ? '\t' : f.delimiter[0];
  return options;
}

}  // namespace crmerge::cli
