package io.autoanime.qbittorrent;

/**
 * One file of a torrent as qBittorrent lists it.
 *
 * @param index the file's index in the torrent
 * @param name the path inside the torrent, relative to the save path ({@code Folder/Episode 01.mkv} for
 *     a torrent with a root folder), with {@code /} separators
 * @param size bytes
 * @param progress 0 to 1
 */
public record TorrentFile(int index, String name, long size, double progress) {}
