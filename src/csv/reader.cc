#include "csv/reader.h"

#include <cstring>

#include "base/strings.h"

namespace crmerge::csv {

namespace {
constexpr size_t kInitialBuffer = 1 << 20;
}

Result<RecordReader> RecordReader::open(const std::string& path, const Dialect& dialect, const ReaderOptions& options) {
  RecordReader r;
  CRM_ASSIGN_OR_RETURN(r.file_, InputFile::open(path));
  if (options.start_offset > r.file_.size())
    return Status::internal("start offset beyond the end of " + path);
  CRM_RETURN_IF_ERROR(r.file_.seek(options.start_offset));
  r.dialect_ = dialect;
  r.options_ = options;
  r.file_pos_ = options.start_offset;
  r.line_ = options.start_line;
  r.buf_.resize(kInitialBuffer);
  return r;
}

Status RecordReader::fill() {
  if (begin_ > 0) {
    std::memmove(buf_.data(), buf_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  if (end_ == buf_.size()) {
    if (buf_.size() >= options_.max_record_bytes)
      return Status::invalid_input(file_.path() + " line " + std::to_string(line_) + ": a record is longer than " +
                                   format_bytes(options_.max_record_bytes) + " (is a quote never closed?)");
    buf_.resize(std::min(buf_.size() * 2, options_.max_record_bytes));
  }
  CRM_ASSIGN_OR_RETURN(size_t got, file_.read(buf_.data() + end_, buf_.size() - end_));
  if (got == 0) eof_ = true;
  if (options_.hasher && got > 0) options_.hasher->update({buf_.data() + end_, got});
  end_ += got;
  file_pos_ += got;
  return Status::ok();
}

Result<bool> RecordReader::next(Record& rec) {
  for (;;) {
    if (begin_ == end_ && eof_) return false;
    if (begin_ == end_) {
      CRM_RETURN_IF_ERROR(fill());
      continue;
    }
    std::string_view data(buf_.data() + begin_, end_ - begin_);
    ParsedRecord p = parse_record(data, eof_, dialect_, rec.fields);
    if (p.state == ParsedRecord::State::kNeedMore) {
      CRM_RETURN_IF_ERROR(fill());
      continue;
    }
    rec.offset = file_pos_ - (end_ - begin_);
    rec.line = line_;
    rec.text = data.substr(0, p.text_length);
    rec.eol = data.substr(p.text_length, p.eol_length);
    rec.blank = p.blank;
    rec.problem = p.problem;
    if (!p.blank && rec.problem == RecordProblem::kNone && options_.expected_fields != 0 &&
        rec.fields.size() != options_.expected_fields)
      rec.problem = RecordProblem::kFieldCount;
    if (p.line_breaks) line_ += count_line_breaks(rec.text);
    if (p.eol_length > 0) ++line_;
    begin_ += p.text_length + p.eol_length;
    return true;
  }
}

}  // namespace crmerge::csv
