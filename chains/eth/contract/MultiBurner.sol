// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

interface IWrappedPocket {
    function burnAndBridge(uint256 amount, address poktAddress) external;
}

/// @title MultiBurner (tests only, never deployed on a real chain)
/// @notice Makes several wPOKT burns in one transaction, each preceded by a
/// look-alike BurnAndBridge event emitted by this contract itself, so that tests
/// can check that a burn's position counts only the wPOKT contract's own logs.
contract MultiBurner {
    /// @notice Same signature as WrappedPocket's event: a decoy that must be ignored.
    event BurnAndBridge(uint256 indexed amount, address indexed poktAddress, address indexed from);

    /// @notice Burns each of `amounts` (held by this contract) to `poktAddress`.
    function burnMany(address token, uint256[] calldata amounts, address poktAddress) external {
        for (uint256 i = 0; i < amounts.length; i++) {
            emit BurnAndBridge(amounts[i], poktAddress, msg.sender);
            IWrappedPocket(token).burnAndBridge(amounts[i], poktAddress);
        }
    }
}
