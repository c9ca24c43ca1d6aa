"""出错样例：文件超过大小上限（应报第 1 行）。太大，不放进版本库，测试时生成。"""


def make_plan(base: bytes) -> bytes:
    # The valid base followed by comment lines until the file is past reader.MAX_BYTES.
    filler = "# 误粘贴的大段内容\n".encode("utf-8") * 600_000
    return base + b"\n" + filler
