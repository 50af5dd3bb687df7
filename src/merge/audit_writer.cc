#include "merge/audit_writer.h"

#include "csv/formula_guard.h"
#include "csv/writer.h"

namespace crmerge::merge {

namespace {

const csv::Dialect kDialect;  // comma, quotes as needed

}  // namespace

Result<AuditWriter> AuditWriter::create(const std::string& path, bool guard) {
  AuditWriter w;
  w.guard_ = guard;
  CRM_ASSIGN_OR_RETURN(w.out_, AtomicOutputFile::create(path));
  CRM_RETURN_IF_ERROR(w.out_.write("crm_row,crm_line,field,vendor,vendor_row,vendor_line,value,decision,reason\n"));
  return w;
}

Status AuditWriter::add(uint64_t crm_row, uint64_t crm_line, std::string_view field, std::string_view vendor,
                        uint64_t vendor_row, uint64_t vendor_line, std::string_view value, std::string_view decision,
                        std::string_view reason) {
  line_ = std::to_string(crm_row) + "," + std::to_string(crm_line) + ",";
  append_text(field);
  line_ += ',';
  append_text(vendor);
  line_ += "," + std::to_string(vendor_row) + "," + std::to_string(vendor_line) + ",";
  append_text(value);
  line_ += ',';
  append_text(decision);
  line_ += ',';
  append_text(reason);
  line_ += '\n';
  return out_.write(line_);
}

void AuditWriter::append_text(std::string_view value) {
  if (guard_) csv::append_guarded_field(line_, value, kDialect);
  else csv::append_field(line_, value, kDialect);
}

}  // namespace crmerge::merge
