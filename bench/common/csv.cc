#include "csv.h"

#include <cerrno>
#include <cstring>

namespace bench {

namespace {
constexpr std::size_t kWriteBuffer = 1 << 20;
constexpr std::size_t kReadBuffer = 1 << 20;
}  // namespace

// ---------------------------------------------------------------- writer

CsvWriter::~CsvWriter() {
  if (file_) close();
}

bool CsvWriter::open(const std::string& path, char delimiter, bool crlf) {
  if (file_) close();
  file_ = std::fopen(path.c_str(), "wb");
  if (!file_) return false;
  delim_ = delimiter;
  crlf_ = crlf;
  for (bool& b : special_) b = false;
  special_[static_cast<unsigned char>(delimiter)] = special_['"'] = special_['\n'] = special_['\r'] = true;
  buf_.clear();
  buf_.reserve(kWriteBuffer + 4096);
  first_in_record_ = true;
  failed_ = false;
  bytes_ = 0;
  return true;
}

void CsvWriter::put(std::string_view s) {
  buf_.append(s.data(), s.size());
  if (buf_.size() >= kWriteBuffer) flush_buffer();
}

void CsvWriter::flush_buffer() {
  if (buf_.empty() || !file_) return;
  if (std::fwrite(buf_.data(), 1, buf_.size(), file_) != buf_.size()) failed_ = true;
  bytes_ += buf_.size();
  buf_.clear();
}

void CsvWriter::field(std::string_view value) {
  if (!first_in_record_) buf_.push_back(delim_);
  first_in_record_ = false;
  bool quote = false;
  for (char c : value) {
    if (special_[static_cast<unsigned char>(c)]) {
      quote = true;
      break;
    }
  }
  if (!quote) {
    put(value);
    return;
  }
  buf_.push_back('"');
  std::size_t start = 0;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value[i] == '"') {
      buf_.append(value.data() + start, i + 1 - start);
      buf_.push_back('"');
      start = i + 1;
    }
  }
  buf_.append(value.data() + start, value.size() - start);
  buf_.push_back('"');
  if (buf_.size() >= kWriteBuffer) flush_buffer();
}

void CsvWriter::end_record() {
  if (crlf_) buf_.push_back('\r');
  buf_.push_back('\n');
  first_in_record_ = true;
  if (buf_.size() >= kWriteBuffer) flush_buffer();
}

void CsvWriter::record(const std::vector<std::string>& fields) {
  for (const auto& f : fields) field(f);
  end_record();
}

bool CsvWriter::close() {
  if (!file_) return !failed_;
  flush_buffer();
  if (std::fclose(file_) != 0) failed_ = true;
  file_ = nullptr;
  return !failed_;
}

// ---------------------------------------------------------------- reader

CsvReader::~CsvReader() {
  if (file_) std::fclose(file_);
}

bool CsvReader::fill() {
  if (eof_ || !file_) return false;
  if (pos_ < len_) {
    std::memmove(buf_.data(), buf_.data() + pos_, len_ - pos_);
    len_ -= pos_;
  } else {
    len_ = 0;
  }
  pos_ = 0;
  std::size_t n = std::fread(buf_.data() + len_, 1, buf_.size() - len_, file_);
  if (n == 0) {
    if (std::ferror(file_)) error_ = path_ + ": read error: " + std::strerror(errno);
    eof_ = true;
    return false;
  }
  len_ += n;
  return true;
}

int CsvReader::peek() {
  if (pos_ >= len_ && !fill()) return -1;
  return static_cast<unsigned char>(buf_[pos_]);
}

int CsvReader::get() {
  if (pos_ >= len_ && !fill()) return -1;
  ++consumed_;
  return static_cast<unsigned char>(buf_[pos_++]);
}

bool CsvReader::open(const std::string& path, char delimiter) {
  path_ = path;
  file_ = std::fopen(path.c_str(), "rb");
  if (!file_) {
    error_ = path + ": " + std::strerror(errno);
    return false;
  }
  buf_.resize(kReadBuffer);
  fill();
  if (!error_.empty()) return false;
  if (len_ >= 3 && static_cast<unsigned char>(buf_[0]) == 0xEF &&
      static_cast<unsigned char>(buf_[1]) == 0xBB && static_cast<unsigned char>(buf_[2]) == 0xBF) {
    pos_ = 3;
    consumed_ = 3;
    had_bom_ = true;
  }
  if (delimiter != 0) {
    delim_ = delimiter;
    return true;
  }
  // Sniff: count candidate delimiters outside quotes on the first record's line.
  const char candidates[] = {',', ';', '\t', '|'};
  std::size_t counts[4] = {0, 0, 0, 0};
  bool in_quotes = false;
  for (std::size_t i = pos_; i < len_; ++i) {
    char c = buf_[i];
    if (c == '"') in_quotes = !in_quotes;
    if (in_quotes) continue;
    if (c == '\n' || c == '\r') break;
    for (int k = 0; k < 4; ++k)
      if (c == candidates[k]) ++counts[k];
  }
  int best = 0;
  for (int k = 1; k < 4; ++k)
    if (counts[k] > counts[best]) best = k;
  delim_ = candidates[best];
  return true;
}

bool CsvReader::next(std::vector<std::string>& fields) {
  if (!error_.empty()) return false;
  for (;;) {
    int c = peek();
    if (c == -1) return false;
    // Skip empty lines: they are not records.
    if (c == '\n') {
      get();
      ++line_;
      continue;
    }
    if (c == '\r') {
      get();
      if (peek() == '\n') get();
      ++line_;
      continue;
    }
    break;
  }
  record_line_ = line_;
  std::size_t n = 0;
  auto next_field = [&]() -> std::string& {
    if (n == fields.size()) fields.emplace_back();
    std::string& f = fields[n++];
    f.clear();
    return f;
  };
  std::string* f = &next_field();
  for (;;) {
    int c = peek();
    if (c == '"' && f->empty()) {
      // Quoted field.
      get();
      std::uint64_t start_line = line_;
      for (;;) {
        if (pos_ >= len_ && !fill()) {
          if (error_.empty())
            error_ = path_ + " line " + std::to_string(start_line) + ": unterminated quoted field";
          return false;
        }
        // Copy the run of bytes up to the next quote.
        const char* b = buf_.data() + pos_;
        const char* e = buf_.data() + len_;
        const char* q = static_cast<const char*>(std::memchr(b, '"', static_cast<std::size_t>(e - b)));
        const char* stop = q ? q : e;
        for (const char* p = b; p < stop; ++p)
          if (*p == '\n') ++line_;
        f->append(b, static_cast<std::size_t>(stop - b));
        consumed_ += static_cast<std::uint64_t>(stop - b);
        pos_ += static_cast<std::size_t>(stop - b);
        if (!q) continue;
        ++pos_;  // the quote
        ++consumed_;
        if (peek() == '"') {  // "" inside quotes
          get();
          f->push_back('"');
          continue;
        }
        break;
      }
      // After the closing quote: a delimiter, a line end, or EOF.
      c = peek();
      if (c == delim_) {
        get();
        f = &next_field();
        continue;
      }
      if (c == '\n' || c == '\r' || c == -1) {
        if (c == '\r') {
          get();
          if (peek() == '\n') get();
        } else if (c == '\n') {
          get();
        }
        ++line_;
        break;
      }
      error_ = path_ + " line " + std::to_string(line_) + ": unexpected character after a closing quote";
      return false;
    }
    // Unquoted field: run to the delimiter or the line end.
    bool ended = false;
    for (;;) {
      if (pos_ >= len_ && !fill()) {
        ended = true;  // EOF ends the record
        ++line_;
        break;
      }
      const char* b = buf_.data() + pos_;
      const char* e = buf_.data() + len_;
      const char* p = b;
      while (p < e && *p != delim_ && *p != '\n' && *p != '\r') ++p;
      f->append(b, static_cast<std::size_t>(p - b));
      consumed_ += static_cast<std::uint64_t>(p - b);
      pos_ += static_cast<std::size_t>(p - b);
      if (p == e) continue;
      char d = *p;
      ++pos_;
      ++consumed_;
      if (d == delim_) break;
      if (d == '\r' && peek() == '\n') get();
      ++line_;
      ended = true;
      break;
    }
    if (ended) break;
    f = &next_field();
  }
  fields.resize(n);
  return true;
}

int find_column(const std::vector<std::string>& header, std::string_view name) {
  for (std::size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return static_cast<int>(i);
  return -1;
}

}  // namespace bench
