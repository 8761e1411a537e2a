#include "storage/stream_record.h"

#include "values/item_binary.h"

namespace shardscape {

namespace {

constexpr unsigned kEventMask = 0x3;
constexpr unsigned kTimeToLiveBit = 0x4;
constexpr unsigned kOldImageBit = 0x8;
constexpr unsigned kNewImageBit = 0x10;

void appendPart(std::string& out, std::string_view bytes) {
    appendVarint(out, bytes.size());
    out.append(bytes);
}

Result<Item> readPart(std::string_view& in) {
    uint64_t length = 0;
    if (!readVarint(in, length) || length > in.size())
        return corruptionError("Corrupt stream record");
    auto item = decodeItemBinary(in.substr(0, length));
    in.remove_prefix(length);
    return item;
}

}  // namespace

const char* streamEventName(StreamEvent event) {
    switch (event) {
        case StreamEvent::Insert:
            return "INSERT";
        case StreamEvent::Modify:
            return "MODIFY";
        case StreamEvent::Remove:
            break;
    }
    return "REMOVE";
}

void appendStreamRecord(std::string& out, StreamEvent event, int64_t createdMillis,
                        bool byTimeToLive, size_t sizeBytes, std::string_view keys,
                        const std::string_view* oldImage, const std::string_view* newImage) {
    unsigned flags = static_cast<unsigned>(event);
    if (byTimeToLive) flags |= kTimeToLiveBit;
    if (oldImage) flags |= kOldImageBit;
    if (newImage) flags |= kNewImageBit;
    out.push_back(static_cast<char>(flags));
    appendVarint(out, static_cast<uint64_t>(createdMillis));
    appendVarint(out, sizeBytes);
    appendPart(out, keys);
    if (oldImage) appendPart(out, *oldImage);
    if (newImage) appendPart(out, *newImage);
}

Result<StreamRecord> decodeStreamRecord(uint64_t sequence, std::string_view value) {
    if (value.empty()) return corruptionError("Corrupt stream record");
    const unsigned flags = static_cast<unsigned char>(value[0]);
    value.remove_prefix(1);
    const unsigned event = flags & kEventMask;
    if (event == 0) return corruptionError("Corrupt stream record");
    StreamRecord record;
    record.sequence = sequence;
    record.event = static_cast<StreamEvent>(event);
    record.byTimeToLive = (flags & kTimeToLiveBit) != 0;
    uint64_t millis = 0, size = 0;
    if (!readVarint(value, millis) || !readVarint(value, size))
        return corruptionError("Corrupt stream record");
    record.created = static_cast<double>(millis) / 1000;
    record.sizeBytes = size;
    auto keys = readPart(value);
    if (!keys) return keys.error();
    record.keys = std::move(keys).value();
    if (flags & kOldImageBit) {
        auto image = readPart(value);
        if (!image) return image.error();
        record.oldImage = std::move(image).value();
    }
    if (flags & kNewImageBit) {
        auto image = readPart(value);
        if (!image) return image.error();
        record.newImage = std::move(image).value();
    }
    return record;
}

}  // namespace shardscape
