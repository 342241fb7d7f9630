package org.example.mgmtobj.impl.store;

import org.h2.mvstore.type.ObjectDataType;

/**
 * The key type of the resource map: H2's {@link ObjectDataType}, as every earlier version wrote it (so existing files
 * are read as they are, without a migration), with a direct comparison of two strings. ObjectDataType works out the
 * type of both keys before it compares them; with resourceID keys that was half the group-commit thread's time in a
 * CREATE profile (a B-tree descent makes a dozen comparisons per put). H2's StringDataType compares the same way but
 * writes keys without ObjectDataType's type tag, so switching to it would need the file rewritten.
 */
final class StringKeys extends ObjectDataType {
    static final StringKeys INSTANCE = new StringKeys();

    private StringKeys() {}

    @Override
    public int compare(Object a, Object b) {
        // ObjectDataType orders two strings by String.compareTo too; anything else keeps its rules
        if (a instanceof String && b instanceof String) return ((String) a).compareTo((String) b);
        return super.compare(a, b);
    }
}
