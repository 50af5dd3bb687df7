#include "merge/ordered_output.h"

namespace crmerge::merge {

Status OrderedOutput::Piece::take_turn() {
  {
    std::unique_lock<std::mutex> lock(o_.mu_);
    o_.turn_changed_.wait(lock, [&] { return o_.abandoned_ || o_.turn_ == index_; });
    if (o_.abandoned_) return Status::internal("the output was abandoned (another piece failed)");
  }
  turn_ = true;
  Status s = o_.out_.write(held_);
  held_.clear();
  return s;
}

Status OrderedOutput::Piece::write(std::string_view bytes) {
  if (turn_) return o_.out_.write(bytes);
  if (held_.size() + bytes.size() <= o_.cap_) {
    held_.append(bytes);
    return Status::ok();
  }
  CRM_RETURN_IF_ERROR(take_turn());
  return o_.out_.write(bytes);
}

Status OrderedOutput::Piece::finish() {
  if (!turn_) CRM_RETURN_IF_ERROR(take_turn());
  {
    std::lock_guard<std::mutex> lock(o_.mu_);
    ++o_.turn_;
  }
  o_.turn_changed_.notify_all();
  turn_ = false;
  return Status::ok();
}

void OrderedOutput::abandon() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    abandoned_ = true;
  }
  turn_changed_.notify_all();
}

}  // namespace crmerge::merge
