#include "merge/audit_writer.h"

#include "csv/writer.h"

namespace crmerge::merge {

Result<AuditWriter> AuditWriter::create(const std::string& path) {
  AuditWriter w;
  CRM_ASSIGN_OR_RETURN(w.out_, AtomicOutputFile::create(path));
  CRM_RETURN_IF_ERROR(w.out_.write("crm_row,crm_line,field,vendor,vendor_row,vendor_line,value,decision,reason\n"));
  return w;
}

Status AuditWriter::add(uint64_t crm_row, uint64_t crm_line, std::string_view field, std::string_view vendor,
                        uint64_t vendor_row, uint64_t vendor_line, std::string_view value, std::string_view decision,
                        std::string_view reason) {
  static const csv::Dialect kDialect;  // comma, quotes as needed
  line_ = std::to_string(crm_row) + "," + std::to_string(crm_line) + ",";
  csv::append_field(line_, field, kDialect);
  line_ += ',';
  csv::append_field(line_, vendor, kDialect);
  line_ += "," + std::to_string(vendor_row) + "," + std::to_string(vendor_line) + ",";
  csv::append_field(line_, value, kDialect);
  line_ += ',';
  csv::append_field(line_, decision, kDialect);
  line_ += ',';
  csv::append_field(line_, reason, kDialect);
  line_ += '\n';
  return out_.write(line_);
}

}  // namespace crmerge::merge
