from plansite.data.numerals import chinese


def test_numbers_read_as_documents_write_them():
    assert [chinese(n) for n in (1, 6, 10, 11, 20, 24, 100, 105, 110, 600)] == [
        "一", "六", "十", "十一", "二十", "二十四", "一百", "一百零五", "一百一十", "六百"]
